package dev.kcentra.vault.rotation;

import dev.kcentra.common.net.OutboundAddressGuard;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * Calls the app's password-change endpoint; options {@code --spi-kcentra-vault-rotator--webhook--timeout-seconds} and
 * {@code --allow-other-origins} (default false: only the origin of the app's login URL receives the password).
 */
public class WebhookRotatorFactory implements PasswordRotatorFactory {

    public static final String PROVIDER_ID = "webhook";
    static final String TIMEOUT = "timeout-seconds";
    public static final String ALLOW_OTHER_ORIGINS = "allow-other-origins";

    private HttpClient http;
    private Duration timeout;
    private boolean allowOtherOrigins;

    @Override
    public PasswordRotator create(KeycloakSession session) {
        return new WebhookRotator(http, timeout, allowOtherOrigins, OutboundAddressGuard.server());
    }

    @Override
    public boolean adminEntersPassword() {
        return false;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
        timeout = Duration.ofSeconds(Math.max(1, config.getInt(TIMEOUT, 15)));
        allowOtherOrigins = config.getBoolean(ALLOW_OTHER_ORIGINS, false);
        // No redirects: a password change is sent to the configured URL and nowhere else.
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(15)
                .helpText("How long (seconds) the app's password-change endpoint may take to answer.").add()
                .property().name(ALLOW_OTHER_ORIGINS).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Whether the webhook may be on another origin than the app's login URL.").add()
                .build();
    }

    /**
     * Null when the policy may send to its webhook from an app with this login URL, else what to fix: checked when the
     * policy is saved, and again by the rotator at every change (the login URL may change in between).
     */
    public static String originProblem(KeycloakSession session, RotationPolicy policy, String loginUrl) {
        if (policy == null || !PROVIDER_ID.equals(policy.rotator()) || policy.webhook() == null) {
            return null;
        }
        WebhookRotatorFactory factory = (WebhookRotatorFactory) session.getKeycloakSessionFactory().getProviderFactory(PasswordRotator.class, PROVIDER_ID);
        return factory == null || factory.allowOtherOrigins ? null : WebhookRotator.originProblem(policy.webhook().url(), loginUrl);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
