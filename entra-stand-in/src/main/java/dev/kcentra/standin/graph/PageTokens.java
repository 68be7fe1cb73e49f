package dev.kcentra.standin.graph;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque, tamper-evident page and delta tokens. A token from an earlier run of the stand-in reads as expired
 * (Graph's {@code syncStateNotFound}), a token altered or made up reads as malformed.
 */
public final class PageTokens {

    private static final Gson GSON = new Gson();

    private final String instance;
    private final byte[] key = new byte[32];

    public PageTokens() {
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        byte[] id = new byte[9];
        random.nextBytes(id);
        instance = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    String encode(PageToken token) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                GSON.toJson(new Envelope(instance, token)).getBytes(StandardCharsets.UTF_8));
        return payload + "." + mac(payload);
    }

    /** The token, or which of the two ways it failed. */
    Decoded decode(String encoded) {
        int dot = encoded.lastIndexOf('.');
        if (dot < 1) {
            return Decoded.MALFORMED;
        }
        String payload = encoded.substring(0, dot);
        Envelope envelope;
        try {
            envelope = GSON.fromJson(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), Envelope.class);
        } catch (IllegalArgumentException | JsonParseException e) {
            return Decoded.MALFORMED;
        }
        if (envelope == null || envelope.token() == null) {
            return Decoded.MALFORMED;
        }
        if (!instance.equals(envelope.instance())) {
            return Decoded.EXPIRED;
        }
        if (!MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII), encoded.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Decoded.MALFORMED;
        }
        return new Decoded(Optional.of(envelope.token()), false);
    }

    record Decoded(Optional<PageToken> token, boolean expired) {
        static final Decoded MALFORMED = new Decoded(Optional.empty(), false);
        static final Decoded EXPIRED = new Decoded(Optional.empty(), true);
    }

    private record Envelope(String instance, PageToken token) {
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
