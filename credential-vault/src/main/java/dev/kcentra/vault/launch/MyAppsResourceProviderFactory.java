package dev.kcentra.vault.launch;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.List;

/** {@code /realms/{realm}/kcentra-apps}: the users' "My apps" page, its launches and the gateway endpoint. */
public class MyAppsResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "kcentra-apps";
    static final String LAUNCH_TOKEN_SECONDS = "launch-token-seconds";

    private int launchTokenSeconds;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new MyAppsResourceProvider(session, launchTokenSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        launchTokenSeconds = Math.max(1, Math.min(config.getInt(LAUNCH_TOKEN_SECONDS, LaunchTokens.MAX_SECONDS), LaunchTokens.MAX_SECONDS));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(LAUNCH_TOKEN_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(LaunchTokens.MAX_SECONDS)
                .helpText("Lifetime of a launch token in seconds (1 to 30).").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
