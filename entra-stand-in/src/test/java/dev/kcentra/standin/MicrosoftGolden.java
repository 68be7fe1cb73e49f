package dev.kcentra.standin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Microsoft's documented payloads (authenticators/src/test/resources/microsoft, on this module's test classpath
 * under {@code microsoft/}), and the comparison of a stand-in answer with one: same field names, same JSON types.
 */
final class MicrosoftGolden {

    private MicrosoftGolden() {
    }

    static JsonObject json(String name) {
        try (InputStream in = MicrosoftGolden.class.getResourceAsStream("/microsoft/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file microsoft/" + name);
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(content.startsWith("# Source: https://learn.microsoft.com/"), name + " names its Microsoft Learn page");
            return JsonParser.parseString(content.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field of {@code golden} but {@code notReproduced} is in {@code actual}, with the same JSON type. */
    static void assertSameShape(JsonObject golden, JsonObject actual, Set<String> notReproduced, String what) {
        for (String field : golden.keySet()) {
            if (notReproduced.contains(field)) {
                continue;
            }
            assertTrue(actual.has(field), what + " lacks Microsoft's field '" + field + "': " + actual);
            assertEquals(type(golden.get(field)), type(actual.get(field)), what + " field '" + field + "'");
        }
    }

    private static String type(JsonElement value) {
        if (value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            return "array of " + (array.isEmpty() ? "anything" : type(array.get(0)));
        }
        if (value.isJsonObject()) {
            return "object";
        }
        var primitive = value.getAsJsonPrimitive();
        return primitive.isBoolean() ? "boolean" : primitive.isNumber() ? "number" : "string";
    }
}
