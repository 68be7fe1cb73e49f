package dev.kcentra.sync;

/** How Keycloak proves itself to Entra: a certificate-signed client assertion (recommended) or a client secret. */
public enum ClientAuthentication {
    CERTIFICATE("certificate"),
    SECRET("secret");

    private final String configValue;

    ClientAuthentication(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static ClientAuthentication fromConfig(String value) {
        for (ClientAuthentication method : values()) {
            if (method.configValue.equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown authentication '" + value + "'");
    }
}
