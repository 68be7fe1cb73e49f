package dev.kcentra.links.linking;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How much hash work a password proof does, counted rather than timed: an unknown, a disabled or a locked account
 * costs one password verification, exactly as a wrong (or right) password of a real account does.
 */
class PasswordProofTest {

    /** Password verifications: the account store's (a real check) plus the dummy hash's. */
    private int verifications;
    private boolean lockedOut;

    @Test
    void aWrongPasswordCostsOneVerification() {
        assertEquals(PasswordProof.Result.INVALID, PasswordProof.check(session(), realm(), account(true, false), "wrong"));
        assertEquals(1, verifications);
    }

    @Test
    void aRightPasswordCostsOneVerification() {
        assertEquals(PasswordProof.Result.VALID, PasswordProof.check(session(), realm(), account(true, true), "right"));
        assertEquals(1, verifications);
    }

    @Test
    void anUnknownAccountCostsOneVerificationToo() {
        assertEquals(PasswordProof.Result.INVALID, PasswordProof.check(session(), realm(), null, "anything"));
        assertEquals(1, verifications);
    }

    @Test
    void aDisabledAccountCostsOneVerificationToo() {
        assertEquals(PasswordProof.Result.INVALID, PasswordProof.check(session(), realm(), account(false, true), "right"));
        assertEquals(1, verifications);
    }

    @Test
    void aLockedAccountCostsOneVerificationToo() {
        lockedOut = true;
        assertEquals(PasswordProof.Result.LOCKED_OUT, PasswordProof.check(session(), realm(), account(true, true), "right"));
        assertEquals(1, verifications);
    }

    private KeycloakSession session() {
        BruteForceProtector protector = fake(BruteForceProtector.class, Map.of(
                "isTemporarilyDisabled", args -> lockedOut,
                "isPermanentlyLockedOut", args -> false,
                "failedLogin", args -> null));
        PasswordHashProvider hash = fake(PasswordHashProvider.class, Map.of(
                "encodedCredential", args -> PasswordCredentialModel.createFromValues("fake", new byte[16], 1, "dummy-hash"),
                "verify", args -> {
                    verifications++;
                    return false;
                }));
        KeycloakContext context = fake(KeycloakContext.class, Map.of("getConnection", args -> null, "getUri", args -> null));
        return fake(KeycloakSession.class, Map.of(
                "getProvider", args -> args[0] == BruteForceProtector.class ? protector : args[0] == PasswordHashProvider.class ? hash : null,
                "getContext", args -> context));
    }

    private RealmModel realm() {
        return fake(RealmModel.class, Map.of("isBruteForceProtected", args -> true, "getPasswordPolicy", args -> PasswordPolicy.empty()));
    }

    private UserModel account(boolean enabled, boolean rightPassword) {
        SubjectCredentialManager credentials = fake(SubjectCredentialManager.class, Map.of("isValid", args -> {
            verifications++;
            return rightPassword && args[0] instanceof CredentialInput[] inputs && inputs.length == 1;
        }));
        return fake(UserModel.class, Map.of("isEnabled", args -> enabled, "credentialManager", args -> credentials, "getId", args -> "id"));
    }

    /** An interface answering the named methods; any other call fails the test (the proof must not do more than that). */
    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(PasswordProofTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new AssertionError("unexpected call " + type.getSimpleName() + "." + method.getName());
            }
            return answer.apply(args == null ? new Object[0] : args);
        });
    }
}
