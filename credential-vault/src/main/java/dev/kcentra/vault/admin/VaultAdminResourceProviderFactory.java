package dev.kcentra.vault.admin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import dev.kcentra.vault.rotation.RotationScheduler;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.timer.TimerProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

import java.util.List;

/** {@code /admin/realms/{realm}/kcentra-vault}: the shared-credential vault's admin REST. */
public class VaultAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "kcentra-vault";
    static final String REVEAL_MAX_AGE = "reveal-max-age-seconds";
    static final String ROTATION_CHECK = "rotation-check-seconds";

    private int revealMaxAgeSeconds;
    private int rotationCheckSeconds;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new VaultAdminResourceProvider(revealMaxAgeSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        revealMaxAgeSeconds = config.getInt(REVEAL_MAX_AGE, 300);
        rotationCheckSeconds = Math.max(1, config.getInt(ROTATION_CHECK, 300));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REVEAL_MAX_AGE).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(300)
                .helpText("How recently (seconds) an admin must have signed in to reveal a stored password.").add()
                .property().name(ROTATION_CHECK).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(300)
                .helpText("How often (seconds) each node looks for password apps whose scheduled rotation is due.").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .scheduleTask(new RotationScheduler(factory), rotationCheckSeconds * 1000L));
            }
        });
    }

    @Override
    public void close() {
    }
}
