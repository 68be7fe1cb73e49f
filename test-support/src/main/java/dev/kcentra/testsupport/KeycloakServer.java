package dev.kcentra.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Keycloak server process started from a {@link KeycloakInstallation}. */
public final class KeycloakServer implements AutoCloseable {

    private final Process process;

    private KeycloakServer(Process process) {
        this.process = process;
    }

    /**
     * @param log where the server's output goes; null to share this process's console
     */
    public static KeycloakServer start(KeycloakInstallation installation, Map<String, String> environment, Path log,
                                       String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(installation.launcher().toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(installation.home().toFile());
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        builder.environment().putAll(environment);
        KeycloakServer server = new KeycloakServer(builder.start());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
        return server;
    }

    /** Waits until {@code probeUrl} answers 200, failing early if the server exits. */
    public void waitUntilReady(String probeUrl, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(probeUrl)).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " during start-up; see its log");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak did not answer " + probeUrl + " within " + timeout);
    }

    /** Kills the server the way a crashed node goes: no shutdown, the JVM (a child of kc.sh) included. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
