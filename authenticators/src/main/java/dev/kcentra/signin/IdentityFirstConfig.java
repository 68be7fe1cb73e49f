package dev.kcentra.signin;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** Typed view of the identity-first authenticator's configuration. */
public record IdentityFirstConfig(String entraIdpAlias) {

    static final String ENTRA_IDP_ALIAS = "entraIdpAlias";
    static final String DEFAULT_ENTRA_IDP_ALIAS = "entra";

    public static IdentityFirstConfig from(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String alias = config.get(ENTRA_IDP_ALIAS);
        return new IdentityFirstConfig(alias == null || alias.isBlank() ? DEFAULT_ENTRA_IDP_ALIAS : alias.trim());
    }
}
