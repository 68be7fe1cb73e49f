package dev.kcentra.standin.login;

import dev.kcentra.standin.directory.Directory.Account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived server-side state: sign-in pages waiting for credentials, authorization codes (single use, ten
 * minutes, as Microsoft) and refresh tokens (rotated on use).
 */
public final class SignInSessions {

    static final Duration PAGE_LIFETIME = Duration.ofMinutes(30);
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Expiring<AuthorizeRequest>> pages = new ConcurrentHashMap<>();
    private final Map<String, Expiring<Grant>> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

    public SignInSessions(Clock clock) {
        this.clock = clock;
    }

    /** What an authorization code or refresh token stands for. */
    public record Grant(AuthorizeRequest request, Account account, Instant authTime) {
    }

    private record Expiring<T>(T value, Instant expiry) {
    }

    public String openPage(AuthorizeRequest request) {
        String id = randomToken();
        pages.put(id, new Expiring<>(request, clock.instant().plus(PAGE_LIFETIME)));
        return id;
    }

    public Optional<AuthorizeRequest> page(String id) {
        return live(pages, id).map(Expiring::value);
    }

    public void closePage(String id) {
        pages.remove(id);
    }

    public String issueCode(Grant grant) {
        String code = randomToken();
        codes.put(code, new Expiring<>(grant, clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** The code's grant, at most once (a replayed code reads like an unknown one), and whether it had expired. */
    public Redemption redeemCode(String code) {
        Expiring<Grant> entry = code == null ? null : codes.remove(code);
        if (entry == null) {
            return new Redemption(null, false);
        }
        return new Redemption(entry.value(), entry.expiry().isBefore(clock.instant()));
    }

    public record Redemption(Grant grant, boolean expired) {
    }

    public String issueRefreshToken(Grant grant) {
        String token = randomToken() + randomToken();
        refreshTokens.put(token, grant);
        return token;
    }

    public Optional<Grant> redeemRefreshToken(String token) {
        return Optional.ofNullable(token == null ? null : refreshTokens.remove(token));
    }

    private <T> Optional<Expiring<T>> live(Map<String, Expiring<T>> map, String id) {
        if (id == null) {
            return Optional.empty();
        }
        Expiring<T> entry = map.get(id);
        if (entry == null || entry.expiry().isBefore(clock.instant())) {
            map.remove(id);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
