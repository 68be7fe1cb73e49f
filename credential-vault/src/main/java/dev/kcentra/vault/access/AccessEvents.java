package dev.kcentra.vault.access;

import dev.kcentra.vault.store.LaunchApp;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;

/**
 * Every hand-over of a stored credential, and every refusal, is a Keycloak event of type
 * {@code IDENTITY_PROVIDER_RETRIEVE_TOKEN} (a stored secret of another system given out for the user), or its
 * {@code _ERROR}, with the app and the channel in the details. Never the password.
 */
public final class AccessEvents {

    public static final EventType LAUNCH = EventType.IDENTITY_PROVIDER_RETRIEVE_TOKEN;
    public static final EventType DENIED = EventType.IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR;
    public static final String APP = "kcentra_vault_app";
    public static final String APP_NAME = "kcentra_vault_app_name";
    public static final String CHANNEL = "kcentra_vault_channel";
    public static final String VERSION = "kcentra_vault_version";

    public static final String CHANNEL_LAUNCH = "launch";
    public static final String CHANNEL_GATEWAY = "gateway";

    public static final String NOT_ASSIGNED = "not_assigned";
    public static final String UNKNOWN_APP = "unknown_app";
    public static final String NO_CREDENTIAL = "no_credential";
    public static final String INVALID_LAUNCH_TOKEN = "invalid_launch_token";
    public static final String INVALID_USER_TOKEN = "invalid_user_token";
    public static final String STEP_UP_REQUIRED = "step_up_required";
    public static final String NOT_GATEWAY_CLIENT = "not_gateway_client";
    /** A browser launch of an app whose password only its gateway may hand over. */
    public static final String GATEWAY_ONLY = "gateway_only";
    public static final String VAULT_KEY_ERROR = "vault_key_error";

    private AccessEvents() {
    }

    public static EventBuilder about(EventBuilder event, LaunchApp app, String channel) {
        return app == null ? event.event(LAUNCH).detail(CHANNEL, channel) : about(event, app.id(), app.name(), channel);
    }

    public static EventBuilder about(EventBuilder event, String appId, String appName, String channel) {
        return event.event(LAUNCH).detail(CHANNEL, channel).detail(APP, appId).detail(APP_NAME, appName);
    }
}
