package dev.kcentra.standin.http;

import com.github.tomakehurst.wiremock.http.Request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Query or form parameters of a request, keeping repeats visible (OAuth forbids repeated parameters). */
public final class Params {

    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Params query(Request request) {
        String url = request.getUrl();
        int question = url.indexOf('?');
        return parse(question < 0 ? "" : url.substring(question + 1));
    }

    /** The body as {@code application/x-www-form-urlencoded}; empty for any other content type. */
    public static Params form(Request request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return new Params(Map.of());
        }
        return parse(request.getBodyAsString());
    }

    public static Params parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return new Params(values);
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new Params(values);
    }

    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() || list.get(0).isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public String getOrNull(String name) {
        return get(name).orElse(null);
    }

    /** The first parameter sent more than once, if any. */
    public Optional<String> repeated() {
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).findFirst();
    }

    public Map<String, String> firstValues() {
        Map<String, String> first = new LinkedHashMap<>();
        values.forEach((name, list) -> first.put(name, list.get(0)));
        return first;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
