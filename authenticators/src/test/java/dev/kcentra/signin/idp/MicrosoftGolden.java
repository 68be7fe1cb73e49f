package dev.kcentra.signin.idp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Microsoft's documented payloads under {@code src/test/resources/microsoft/}: each file starts with {@code # Source:}
 * and {@code # Section:} lines naming the Microsoft Learn page, then the JSON as the page shows it.
 */
final class MicrosoftGolden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MicrosoftGolden() {
    }

    static String text(String name) {
        try (InputStream in = MicrosoftGolden.class.getResourceAsStream("/microsoft/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file microsoft/" + name);
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!content.startsWith("# Source: https://learn.microsoft.com/")) {
                throw new IllegalStateException("microsoft/" + name + " does not name its Microsoft Learn source first");
            }
            return content.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(String name) {
        try {
            return JSON.readValue(text(name), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
