package dev.kcentra.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail host as an admin could configure it for a realm: it offers AUTH PLAIN and LOGIN, accepts every message and
 * records the passwords clients authenticate with, so a test sees exactly what Keycloak sent.
 */
final class SmtpCredentialRecorder implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> passwords = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SmtpCredentialRecorder() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "smtp-credential-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> passwords() {
        return List.copyOf(passwords);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                converse(client);
            } catch (IOException closedOrBroken) {
                // Next client, or the recorder was closed.
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 recorder ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO" -> reply(out, "250-recorder\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                case "HELO" -> reply(out, "250 recorder");
                case "AUTH" -> authenticate(line.substring(4).trim(), in, out);
                case "DATA" -> {
                    reply(out, "354 end with .");
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        // The message itself is of no interest.
                    }
                    reply(out, "250 accepted");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private void authenticate(String arguments, BufferedReader in, OutputStream out) throws IOException {
        String[] parts = arguments.split(" ", 2);
        if (parts[0].equalsIgnoreCase("PLAIN")) {
            String response = parts.length > 1 ? parts[1] : prompt(out, in, "");
            // authzid NUL authcid NUL password
            String[] fields = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8).split("\u0000", -1);
            passwords.add(fields[fields.length - 1]);
        } else {
            if (parts.length < 2) {
                prompt(out, in, "VXNlcm5hbWU6");
            }
            passwords.add(new String(Base64.getDecoder().decode(prompt(out, in, "UGFzc3dvcmQ6")), StandardCharsets.UTF_8));
        }
        reply(out, "235 authenticated");
    }

    private static String prompt(OutputStream out, BufferedReader in, String challenge) throws IOException {
        reply(out, "334 " + challenge);
        return in.readLine();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
