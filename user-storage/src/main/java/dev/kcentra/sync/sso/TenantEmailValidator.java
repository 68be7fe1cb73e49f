package dev.kcentra.sync.sso;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.graph.VerifiedDomains;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the addresses of the realm's Entra tenant for the users synced from it: on the pages where users edit their
 * own profile (account console, update profile and email, registration), an email at one of the tenant's domains (the
 * connection's "Entra domains" and the tenant's verified domains from Graph) is refused unless it is the user's
 * address already, which for a synced user is the one Entra gave. Otherwise a local user could hold the address of an
 * Entra user, whose sync and sign-in would then fail. Admins (admin console, admin REST) are not checked.
 */
public class TenantEmailValidator implements SimpleValidator {

    public static final String PROVIDER_ID = "kcentra-entra-tenant-email";

    static final String AT_TENANT_DOMAIN = "This email address belongs to your organization's Microsoft Entra ID; "
            + "only the Entra account that has it can use it here.";

    private static final Set<UserProfileContext> SELF_SERVICE = Set.of(UserProfileContext.ACCOUNT,
            UserProfileContext.UPDATE_PROFILE, UserProfileContext.UPDATE_EMAIL, UserProfileContext.REGISTRATION);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        String requested = first(input);
        AttributeContext attribute = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        if (requested == null || !SELF_SERVICE.contains(attribute.getContext())) {
            return context;
        }
        UserModel user = attribute.getUser();
        if (user != null && requested.equalsIgnoreCase(user.getEmail())) {
            return context;
        }
        int at = requested.lastIndexOf('@');
        RealmModel realm = attribute.getSession().getContext().getRealm();
        if (at < 0 || realm == null) {
            return context;
        }
        String domain = requested.substring(at + 1).toLowerCase(Locale.ROOT);
        Optional<ComponentModel> connection = SsoPolicy.connectionOf(realm);
        if (connection.isEmpty()) {
            return context;
        }
        EntraSyncConfig sync = EntraSyncConfig.from(connection.get());
        if (sync.ssoDomains().contains(domain)
                || VerifiedDomains.of(attribute.getSession(), connection.get().getId(), sync).contains(domain)) {
            context.addError(new ValidationError(PROVIDER_ID, inputHint, AT_TENANT_DOMAIN));
        }
        return context;
    }

    private static String first(Object input) {
        Object value = input instanceof Collection<?> values ? (values.isEmpty() ? null : values.iterator().next()) : input;
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
