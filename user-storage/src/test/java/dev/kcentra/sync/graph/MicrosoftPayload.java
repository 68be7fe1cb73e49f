package dev.kcentra.sync.graph;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * A Graph answer as one of Microsoft's documentation pages shows it, from {@code src/test/resources/microsoft/graph/}:
 * {@code #} header lines name the page and section (and the status and headers where the page gives them), the rest
 * is the body as printed there. Served by WireMock with Microsoft's host replaced by WireMock's, nothing else.
 */
record MicrosoftPayload(String name, int status, Map<String, String> headers, String body) {

    static final String MICROSOFT_GRAPH = "https://graph.microsoft.com";
    private static final Pattern STATUS = Pattern.compile("# Status: (\\d{3})\\b.*");
    private static final Pattern HEADER = Pattern.compile("# Response-Headers: ([A-Za-z0-9-]+): ([^(]*?)\\s*(\\(.*)?");

    static MicrosoftPayload load(String name) {
        String text;
        try (InputStream in = MicrosoftPayload.class.getResourceAsStream("/microsoft/graph/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int status = 200;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                Matcher s = STATUS.matcher(line);
                Matcher h = HEADER.matcher(line);
                if (s.matches()) {
                    status = Integer.parseInt(s.group(1));
                } else if (h.matches()) {
                    headers.put(h.group(1), h.group(2));
                }
            } else {
                body.append(line).append('\n');
            }
        }
        if (!text.contains("# Source: https://learn.microsoft.com/")) {
            throw new IllegalStateException(name + " does not name the Microsoft page it follows");
        }
        return new MicrosoftPayload(name, status, headers, body.toString().trim());
    }

    /** With a status the page does not print (an error body alone), say which one the test serves it with. */
    MicrosoftPayload withStatus(int otherStatus) {
        return new MicrosoftPayload(name, otherStatus, headers, body);
    }

    MicrosoftPayload withHeader(String header, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(header, value);
        return new MicrosoftPayload(name, status, changed, body);
    }

    /** Answers {@code request} on {@code server} with this payload, its links pointing at the server. */
    void serve(WireMockServer server, MappingBuilder request) {
        String base = "http://127.0.0.1:" + server.port();
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.replace(MICROSOFT_GRAPH, base));
        headers.forEach((header, value) -> {
            if (!header.equalsIgnoreCase("Content-Type") && !header.equalsIgnoreCase("Content-Length")) {
                response.withHeader(header, value.replace(MICROSOFT_GRAPH, base));
            }
        });
        server.stubFor(request.willReturn(response));
    }
}
