package dev.kcentra.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class IdentityFirstConfigTest {

    @Test
    void defaultsToTheEntraAlias() {
        assertEquals("entra", IdentityFirstConfig.from(null).entraIdpAlias());
        assertEquals("entra", IdentityFirstConfig.from(config(Map.of(IdentityFirstConfig.ENTRA_IDP_ALIAS, "  "))).entraIdpAlias());
    }

    @Test
    void readsTheConfiguredAlias() {
        assertEquals("contoso", IdentityFirstConfig.from(config(Map.of(IdentityFirstConfig.ENTRA_IDP_ALIAS, " contoso "))).entraIdpAlias());
    }

    private static AuthenticatorConfigModel config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return model;
    }
}
