package dev.kcentra.sync.sso;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUserAttributes;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Guards the per-user SSO flag ({@code entra.sso}) in the user profile: only users synced by the realm's Entra ID
 * connection can have it, and while SSO is on for all synced users there are no per-user exceptions. Only a change of
 * the flag is checked, so saving other attributes of a user never fails because of it.
 */
public class SsoFlagValidator implements SimpleValidator {

    public static final String PROVIDER_ID = "kcentra-entra-sso";

    static final String NOT_SYNCED = "SSO can only be switched on for users synced from Microsoft Entra ID by this realm's Entra ID connection.";
    static final String ALL_SYNCED = "SSO is on for all synced users of this realm's Entra ID connection; per-user exceptions are not possible.";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        String requested = first(input);
        AttributeContext attribute = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        UserModel user = attribute.getUser();
        String current = user == null ? null : user.getFirstAttribute(SyncedUserAttributes.SSO);
        if (Objects.equals(normalize(requested), normalize(current))) {
            return context;
        }
        Optional<ComponentModel> connection = SsoPolicy.connectionOf(attribute.getSession().getContext().getRealm(), user);
        if (connection.isEmpty()) {
            if (Boolean.parseBoolean(requested)) {
                context.addError(new ValidationError(PROVIDER_ID, inputHint, NOT_SYNCED));
            }
            return context;
        }
        if (EntraSyncConfig.from(connection.get()).ssoForAllSynced()) {
            context.addError(new ValidationError(PROVIDER_ID, inputHint, ALL_SYNCED));
        }
        return context;
    }

    private static String normalize(String value) {
        return Boolean.toString(Boolean.parseBoolean(value));
    }

    private static String first(Object input) {
        if (input instanceof Collection<?> values) {
            return values.isEmpty() || values.iterator().next() == null ? null : values.iterator().next().toString();
        }
        return input == null ? null : input.toString();
    }

}
