package dev.kcentra.signin;

import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.signin.outage.EntraAvailability;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Not a timing test: what the password step of a user locked out by brute-force detection does, counted. The
 * authenticator runs against stand-ins for Keycloak's models, whose credential check does what Keycloak's password
 * provider does ({@code PasswordCredentialProvider.isValid}: the stored hash's {@link PasswordHashProvider} verifies
 * the typed password), so that every hash verification is counted.
 */
class LockedUserPasswordWorkTest {

    private static final String ALGORITHM = "pbkdf2-sha512";
    private static final String RIGHT = "Right-Password-1!";
    private static final String WRONG = "Wrong-Password-1!";

    private final PasswordCredentialModel stored = PasswordCredentialModel.createFromValues(ALGORITHM, new byte[16], 210_000, "hash-of-right");
    private final List<String> verified = new ArrayList<>();
    private final List<String> encoded = new ArrayList<>();
    private final List<String> outcome = new ArrayList<>();
    private final List<FormMessage> errors = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private UserModel userSet;
    private boolean locked;

    @Test
    void aWrongPasswordVerifiesTheStoredHashOnce() {
        passwordStep(WRONG);
        assertEquals(List.of(WRONG), verified);
        assertEquals(List.of("failureChallenge:" + AuthenticationFlowError.INVALID_CREDENTIALS), outcome);
    }

    @Test
    void aLockedUsersRefusalVerifiesTheStoredHashOnceLikeAWrongPassword() {
        locked = true;
        passwordStep(WRONG);
        assertEquals(List.of(WRONG), verified, "the same hash verification as a wrong password, with the same stored hash");
        assertEquals(List.of(), encoded, "no dummy hash in place of the user's own");
        assertEquals(List.of("forceChallenge"), outcome, "refused, and not counted as another failure");
        assertEquals(List.of("user_temporarily_disabled"), events, "admins see the real reason");
    }

    @Test
    void aLockedUsersRightPasswordCostsTheSameAndSignsNobodyIn() {
        locked = true;
        passwordStep(RIGHT);
        assertEquals(List.of(RIGHT), verified);
        assertEquals(List.of(), encoded, "no rehash of the stored hash");
        assertEquals(List.of("forceChallenge"), outcome);
        assertNull(userSet, "nobody is signed in");
    }

    @Test
    void aLockedUserGetsTheWrongPasswordsMessageAtTheSameField() {
        passwordStep(WRONG);
        List<String> wrongPassword = messages();
        errors.clear();
        locked = true;
        passwordStep(WRONG);
        assertEquals(wrongPassword, messages());
        assertEquals(List.of("password:invalidUserMessage"), messages());
    }

    @Test
    void anEmptyPasswordCostsNoHashLockedOrNot() {
        passwordStep("");
        assertEquals(List.of(), verified);
        locked = true;
        passwordStep("");
        assertEquals(List.of(), verified);
        assertFalse(outcome.contains("success"));
    }

    private List<String> messages() {
        return errors.stream().map(error -> error.getField() + ":" + error.getMessage()).toList();
    }

    /** The password page's POST for user alice, through the authenticator's own action. */
    private void passwordStep(String password) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("password", password);
        HttpRequest request = fake(HttpRequest.class, Map.of("getDecodedFormParameters", args -> form));

        Map<String, String> authNotes = new HashMap<>();
        authNotes.put("ATTEMPTED_USERNAME", "alice");
        AuthenticationSessionModel authSession = fake(AuthenticationSessionModel.class, Map.of(
                "getAuthNote", args -> authNotes.get((String) args[0]),
                "setAuthNote", args -> authNotes.put((String) args[0], (String) args[1]),
                "removeAuthNote", args -> authNotes.remove((String) args[0])));

        PasswordHashProvider hash = fake(PasswordHashProvider.class, Map.of(
                "verify", args -> {
                    verified.add((String) args[0]);
                    return RIGHT.equals(args[0]) && ((CredentialModel) args[1]).getSecretData().contains("hash-of-right");
                },
                "encodedCredential", args -> {
                    encoded.add((String) args[0]);
                    return stored;
                }));

        RealmModel[] realmRef = new RealmModel[1];
        KeycloakSession[] sessionRef = new KeycloakSession[1];
        UserModel[] userRef = new UserModel[1];
        SubjectCredentialManager credentials = fake(SubjectCredentialManager.class, Map.of(
                "getStoredCredentialsByTypeStream", args -> PasswordCredentialModel.TYPE.equals(args[0]) ? Stream.of(stored) : Stream.empty(),
                // What Keycloak's PasswordCredentialProvider.isValid does: the stored hash's provider verifies.
                "isValid", args -> inputs(args).stream().allMatch(input -> {
                    PasswordCredentialModel password2 = PasswordCredentialModel.createFromCredentialModel(stored);
                    PasswordHashProvider provider = sessionRef[0].getProvider(PasswordHashProvider.class,
                            password2.getPasswordCredentialData().getAlgorithm());
                    return provider.verify(input.getChallengeResponse(), password2);
                })));
        userRef[0] = fake(UserModel.class, Map.of(
                "getId", args -> "alice-id",
                "getUsername", args -> "alice",
                "isEnabled", args -> true,
                "credentialManager", args -> credentials));
        UserProvider users = fake(UserProvider.class, Map.of(
                "getUserByUsername", args -> "alice".equals(args[1]) ? userRef[0] : null));
        realmRef[0] = fake(RealmModel.class, Map.of(
                "getId", args -> "realm-id",
                "getName", args -> "test",
                "isBruteForceProtected", args -> true,
                "getPasswordPolicy", args -> PasswordPolicy.empty()));
        KeycloakSessionFactory factory = fake(KeycloakSessionFactory.class, Map.of());
        sessionRef[0] = fake(KeycloakSession.class, Map.of(
                "users", args -> users,
                "getKeycloakSessionFactory", args -> factory,
                "getProvider", args -> args[0] == PasswordHashProvider.class ? hash : null));
        BruteForceProtector protector = fake(BruteForceProtector.class, Map.of(
                "isTemporarilyDisabled", args -> locked,
                "isPermanentlyLockedOut", args -> false));

        LoginFormsProvider[] formRef = new LoginFormsProvider[1];
        formRef[0] = fake(LoginFormsProvider.class, Map.of(
                "addError", args -> {
                    errors.add((FormMessage) args[0]);
                    return formRef[0];
                },
                "createForm", args -> null));
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setId("execution-id");
        EventBuilder event = new EventBuilder(realmRef[0], sessionRef[0]) {
            @Override
            public void error(String error) {
                events.add(error);
            }
        }.event(EventType.LOGIN);

        AuthenticationFlowContext context = fake(AuthenticationFlowContext.class, Map.ofEntries(
                Map.entry("getHttpRequest", args -> request),
                Map.entry("getAuthenticationSession", args -> authSession),
                Map.entry("getSession", args -> sessionRef[0]),
                Map.entry("getRealm", args -> realmRef[0]),
                Map.entry("getProtector", args -> protector),
                Map.entry("getEvent", args -> event),
                Map.entry("form", args -> formRef[0]),
                Map.entry("getExecution", args -> execution),
                Map.entry("setUser", args -> userSet = (UserModel) args[0]),
                Map.entry("clearUser", args -> userSet = null),
                Map.entry("success", args -> outcome.add("success")),
                Map.entry("failureChallenge", args -> outcome.add("failureChallenge:" + args[0])),
                Map.entry("forceChallenge", args -> outcome.add("forceChallenge")),
                Map.entry("challenge", args -> outcome.add("challenge"))));

        new IdentityFirstAuthenticator(new EntraAvailability(Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC(), OutboundAddressGuard::refusingPrivate)).action(context);
    }

    @SuppressWarnings("unchecked")
    private static List<CredentialInput> inputs(Object[] args) {
        return args[0] instanceof CredentialInput[] array ? Arrays.asList(array) : (List<CredentialInput>) args[0];
    }

    /** An interface whose listed methods answer as given and whose others answer nothing (null, false, 0, empty). */
    @SuppressWarnings("unchecked")
    static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "fake " + type.getSimpleName();
                default -> nothing(method.getReturnType(), proxy);
            };
        });
    }

    private static Object nothing(Class<?> type, Object proxy) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == short.class) {
            return type == long.class ? 0L : type == short.class ? (short) 0 : 0;
        }
        if (type == Stream.class) {
            return Stream.empty();
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type.isInstance(proxy)) {
            return proxy;
        }
        return null;
    }
}
