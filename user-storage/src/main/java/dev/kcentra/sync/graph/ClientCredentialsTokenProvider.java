package dev.kcentra.sync.graph;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.sync.ClientAuthentication;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gets Graph application tokens with the OAuth 2.0 client-credentials grant, authenticating by certificate assertion
 * or client secret, and reuses a token until shortly before it expires. Only the configured Graph host receives it.
 * The token endpoint is checked by {@link OutboundAddressGuard} at every request (a custom authority is admin-given),
 * and a refusal's message is Microsoft's error description, never the answer's body.
 */
public final class ClientCredentialsTokenProvider implements AccessTokenProvider {

    private static final Duration EARLY_REFRESH = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String tokenEndpoint;
    private final String clientId;
    private final ClientAuthentication authentication;
    private final String clientSecret;
    private final PemCredentials certificate;
    private final String scope;
    private final AllowedHostsValidator allowedHosts;
    private final HttpClient http;
    private final Clock clock;
    private final OutboundAddressGuard guard;
    private String token;
    private Instant expiry = Instant.MIN;

    public ClientCredentialsTokenProvider(String tokenEndpoint, String clientId, ClientAuthentication authentication,
                                          String clientSecret, PemCredentials certificate, String scope, String graphHost,
                                          Clock clock, OutboundAddressGuard guard) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.authentication = authentication;
        this.clientSecret = clientSecret;
        this.certificate = certificate;
        this.scope = scope;
        this.allowedHosts = new AllowedHostsValidator(graphHost);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.clock = clock;
        this.guard = guard;
    }

    @Override
    public synchronized String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
        if (!allowedHosts.isUrlHostValid(uri)) {
            return "";
        }
        if (token == null || clock.instant().isAfter(expiry.minus(EARLY_REFRESH))) {
            requestToken();
        }
        return token;
    }

    @Override
    public AllowedHostsValidator getAllowedHostsValidator() {
        return allowedHosts;
    }

    private void requestToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("scope", scope);
        if (authentication == ClientAuthentication.CERTIFICATE) {
            form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            form.put("client_assertion", ClientAssertion.create(clientId, tokenEndpoint, certificate, clock));
        } else {
            form.put("client_secret", clientSecret);
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            guard.check(URI.create(tokenEndpoint));
            response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GraphAccessException("Cannot reach the Entra token endpoint " + tokenEndpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphAccessException("Interrupted while getting an Entra token", e);
        }
        Map<?, ?> json = parse(response.body());
        if (response.statusCode() != 200 || !(json.get("access_token") instanceof String accessToken)) {
            Object description = json.get("error_description");
            throw new GraphAccessException("Entra refused the " + authentication.configValue() + " credentials of client "
                    + clientId + " (HTTP " + response.statusCode() + "): "
                    + (description == null ? "no error description" : AadErrorMessage.cut(description.toString())));
        }
        long expiresIn = json.get("expires_in") instanceof Number n ? n.longValue() : 3599;
        token = accessToken;
        expiry = clock.instant().plusSeconds(expiresIn);
    }

    private static Map<?, ?> parse(String body) {
        try {
            return JsonSerialization.readValue(body, Map.class);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
