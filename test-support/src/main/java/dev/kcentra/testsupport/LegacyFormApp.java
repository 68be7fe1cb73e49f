package dev.kcentra.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A legacy web app with a form login, on loopback: it records every login post it receives (fields and headers) and
 * accepts the one password it currently has. Its password-change endpoint ({@code /change-password}, JSON, shared
 * secret as a Bearer header) is what the vault's webhook rotator calls; it can be told to fail.
 */
public final class LegacyFormApp implements AutoCloseable {

    public record Received(String path, Map<String, String> fields, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> password = new AtomicReference<>();
    private final AtomicBoolean failChanges = new AtomicBoolean();
    private final String changeSecret;

    private LegacyFormApp(int port, String changeSecret) throws IOException {
        this.changeSecret = changeSecret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/login", this::login);
        server.createContext("/change-password", this::changePassword);
        server.createContext("/", this::home);
        server.start();
    }

    public static LegacyFormApp start(String changeSecret) {
        return start(0, changeSecret);
    }

    /** On a fixed loopback port (0: any free one). */
    public static LegacyFormApp start(int port, String changeSecret) {
        try {
            return new LegacyFormApp(port, changeSecret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI loginUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/login");
    }

    public URI changeUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/change-password");
    }

    public void acceptPassword(String value) {
        password.set(value);
    }

    public String acceptedPassword() {
        return password.get();
    }

    public void failChanges(boolean fail) {
        failChanges.set(fail);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> logins() {
        return received.stream().filter(r -> r.path().equals("/login")).toList();
    }

    public void clear() {
        received.clear();
    }

    private void login(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = form(body);
        received.add(new Received("/login", fields, Map.copyOf(exchange.getRequestHeaders()), body));
        boolean ok = password.get() != null && password.get().equals(fields.get("pass"));
        String text = ok ? "Welcome " + fields.get("user") : "Wrong password";
        page(exchange, ok ? 200 : 401, "<p id=\"result\">" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>");
    }

    /** A person who opens the app without the vault sees its login form, as with any legacy app. */
    private void home(HttpExchange exchange) throws IOException {
        page(exchange, 200, "<form method=\"post\" action=\"/login\">"
                + "<label>User <input name=\"user\"></label> <label>Password <input name=\"pass\" type=\"password\"></label>"
                + " <button type=\"submit\">Sign in</button></form>");
    }

    private void changePassword(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received("/change-password", Map.of(), Map.copyOf(exchange.getRequestHeaders()), body));
        if (!("Bearer " + changeSecret).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":\"bad secret\"}");
            return;
        }
        if (failChanges.get()) {
            respond(exchange, 500, "{\"error\":\"password policy: history\"}");
            return;
        }
        Map<?, ?> change = org.keycloak.util.JsonSerialization.readValue(body, Map.class);
        if (password.get() != null && !password.get().equals(change.get("currentPassword"))) {
            respond(exchange, 409, "{\"error\":\"current password does not match\"}");
            return;
        }
        password.set((String) change.get("newPassword"));
        respond(exchange, 204, "");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, "text/html", "<!DOCTYPE html><html><head><title>Legacy app</title></head><body>" + body + "</body></html>");
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        respond(exchange, status, "text/plain", text);
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
