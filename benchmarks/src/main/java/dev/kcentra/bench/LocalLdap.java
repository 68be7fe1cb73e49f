package dev.kcentra.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * OpenLDAP from Debian's {@code slapd} package on 127.0.0.1, loaded with {@code slapadd} from an LDIF file: the
 * baseline directory for Keycloak's own LDAP import.
 */
final class LocalLdap implements AutoCloseable {

    static final int PORT = 10389;
    static final String ADMIN_DN = "cn=admin," + BenchUsers.BASE_DN;
    static final String ADMIN_PASSWORD = "bench-ldap";
    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");

    private final Process process;

    private LocalLdap(Process process) {
        this.process = process;
    }

    static LocalLdap start(Path dir, Path ldif) throws IOException, InterruptedException {
        if (!Files.isExecutable(SLAPD) || !Files.isExecutable(SLAPADD)) {
            throw new IllegalStateException("OpenLDAP is needed for the baseline: apt-get install slapd ldap-utils");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("slapd.conf");
        Files.writeString(config, String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "sizelimit unlimited",
                "database mdb",
                "maxsize 4294967296",
                "suffix \"" + BenchUsers.BASE_DN + "\"",
                "rootdn \"" + ADMIN_DN + "\"",
                "rootpw " + ADMIN_PASSWORD,
                "directory " + data,
                "index objectClass eq",
                "index uid eq",
                ""));
        run(new ProcessBuilder(SLAPADD.toString(), "-q", "-f", config.toString(), "-l", ldif.toString()), dir.resolve("slapadd.log"));
        Process slapd = new ProcessBuilder(SLAPD.toString(), "-f", config.toString(), "-h", "ldap://127.0.0.1:" + PORT + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
        LocalLdap ldap = new LocalLdap(slapd);
        Runtime.getRuntime().addShutdownHook(new Thread(ldap::close, "slapd-stop"));
        ldap.waitForPort(Duration.ofSeconds(30));
        return ldap;
    }

    private static void run(ProcessBuilder command, Path log) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.command() + " failed; see " + log);
        }
    }

    private void waitForPort(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited with code " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", PORT)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("slapd did not listen on " + PORT + " within " + timeout);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
