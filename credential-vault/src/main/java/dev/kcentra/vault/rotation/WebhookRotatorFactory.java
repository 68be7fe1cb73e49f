package dev.kcentra.vault.rotation;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/** Calls the app's password-change endpoint; options {@code --spi-kcentra-vault-rotator--webhook--timeout-seconds}. */
public class WebhookRotatorFactory implements PasswordRotatorFactory {

    public static final String PROVIDER_ID = "webhook";
    static final String TIMEOUT = "timeout-seconds";

    private HttpClient http;
    private Duration timeout;

    @Override
    public PasswordRotator create(KeycloakSession session) {
        return new WebhookRotator(http, timeout);
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
        // No redirects: a password change is sent to the configured URL and nowhere else.
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(15)
                .helpText("How long (seconds) the app's password-change endpoint may take to answer.").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
