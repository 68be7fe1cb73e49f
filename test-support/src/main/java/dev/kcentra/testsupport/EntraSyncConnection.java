package dev.kcentra.testsupport;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

import java.util.List;

/** Builds the admin REST representation of an "Entra ID" user-federation component, as an admin's form would. */
public final class EntraSyncConnection {

    public static final String PROVIDER_ID = "Entra ID";
    public static final String PROVIDER_TYPE = "org.keycloak.storage.UserStorageProvider";

    private final MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
    private String name = "Entra ID";

    private EntraSyncConnection() {
    }

    /** A connection to a stand-in (custom cloud URLs) authenticating with a client secret. */
    public static EntraSyncConnection withSecret(String tenantId, String clientId, String secret, String loginUrl, String graphUrl) {
        return custom(tenantId, clientId, loginUrl, graphUrl).set("authentication", "secret").set("clientSecret", secret);
    }

    /** A connection authenticating with a certificate-signed client assertion. */
    public static EntraSyncConnection withCertificate(String tenantId, String clientId, String certificatePem, String privateKeyPem,
                                                      String loginUrl, String graphUrl) {
        return custom(tenantId, clientId, loginUrl, graphUrl).set("authentication", "certificate")
                .set("certificate", certificatePem).set("privateKey", privateKeyPem);
    }

    private static EntraSyncConnection custom(String tenantId, String clientId, String loginUrl, String graphUrl) {
        return new EntraSyncConnection().set("tenantId", tenantId).set("clientId", clientId).set("cloud", "custom")
                .set("authorityUrl", loginUrl).set("graphUrl", graphUrl).set("abortThresholdPercent", "100");
    }

    public EntraSyncConnection set(String key, String value) {
        config.put(key, List.of(value));
        return this;
    }

    public EntraSyncConnection name(String name) {
        this.name = name;
        return this;
    }

    public ComponentRepresentation representation(String realmId) {
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName(name);
        component.setProviderId(PROVIDER_ID);
        component.setProviderType(PROVIDER_TYPE);
        component.setParentId(realmId);
        component.setConfig(new MultivaluedHashMap<>(config));
        return component;
    }
}
