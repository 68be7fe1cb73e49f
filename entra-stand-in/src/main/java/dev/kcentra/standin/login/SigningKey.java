package dev.kcentra.standin.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant-independent RS256 keys the stand-in signs with, published at every tenant's keys endpoint. As Microsoft
 * documents in "Signing key rollover in the Microsoft identity platform"
 * (https://learn.microsoft.com/en-us/entra/identity-platform/signing-key-rollover), the JWKS holds more than one key
 * and a token names its key by {@code kid}: one key signs, the next one is published ahead of its use, and after
 * {@link #roll()} the previous one stays published so that tokens it signed still verify.
 */
public final class SigningKey {

    /** Published keys at most: the previous, the current and the next. */
    static final int PUBLISHED = 3;

    /**
     * Microsoft keeps a signing key for weeks, and relying parties cache its keys (Keycloak refetches an unknown key
     * id at most every 10 s). So stand-ins started one after another in one process sign with the same keys.
     */
    private static final SigningKey SHARED = new SigningKey();

    /** Oldest first; {@link #current} signs, the keys after it are published for a later rollover. */
    private final List<RSAKey> keys = new ArrayList<>();
    private int current;

    public static SigningKey shared() {
        return SHARED;
    }

    SigningKey() {
        keys.add(generate());
        keys.add(generate());
        current = 0;
    }

    /** Signs with the current key; the header's {@code kid} selects it in the JWKS. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key = currentKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a token signed by a published key (found by its {@code kid}) that has not expired. */
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Optional<RSAKey> key = published(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !jwt.verify(new RSASSAVerifier(key.get().toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            return expiry != null && expiry.after(new Date()) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** Every published public key. */
    public synchronized Map<String, Object> jwks() {
        return new JWKSet(keys.stream().map(RSAKey::toPublicJWK).map(JWK.class::cast).toList()).toJSONObject(true);
    }

    /** The key id tokens are signed with now. */
    public synchronized String currentKeyId() {
        return keys.get(current).getKeyID();
    }

    /**
     * A rollover: the published next key starts signing, a new next key is published, and the oldest beyond
     * {@value #PUBLISHED} is withdrawn. Returns the new signing key's id.
     */
    public synchronized String roll() {
        keys.add(generate());
        current++;
        while (keys.size() > PUBLISHED) {
            keys.remove(0);
            current--;
        }
        return currentKeyId();
    }

    private synchronized RSAKey currentKey() {
        return keys.get(current);
    }

    private synchronized Optional<RSAKey> published(String keyId) {
        return keys.stream().filter(k -> k.getKeyID().equals(keyId)).findFirst();
    }

    private static RSAKey generate() {
        try {
            RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            return new RSAKey.Builder(generated).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a stand-in signing key", e);
        }
    }
}
