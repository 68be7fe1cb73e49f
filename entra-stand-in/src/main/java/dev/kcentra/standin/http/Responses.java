package dev.kcentra.standin.http;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/** The few response shapes the stand-in sends. Nulls are written, as Graph writes them. */
public final class Responses {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Responses() {
    }

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    public static ResponseDefinition json(int status, Object body) {
        return responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Cache-Control", "no-store")
                .withBody(toJson(body))
                .build();
    }

    public static ResponseDefinition html(int status, String body) {
        return responseDefinition().withStatus(status)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Cache-Control", "no-store")
                .withHeader("X-Frame-Options", "DENY")
                .withBody(body)
                .build();
    }

    public static ResponseDefinition redirect(String location) {
        return responseDefinition().withStatus(302).withHeader("Location", location).withHeader("Cache-Control", "no-store").build();
    }

    /** {@code base} with {@code params} appended to its query. */
    public static String withQuery(String base, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> {
            if (value != null) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        if (query.length() == 0) {
            return base;
        }
        return base + (base.contains("?") ? "&" : "?") + query;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String escapeHtml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
