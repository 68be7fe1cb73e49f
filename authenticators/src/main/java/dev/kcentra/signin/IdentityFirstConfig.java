package dev.kcentra.signin;

import dev.kcentra.sync.phone.MobileNumber;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The identity-first step's settings (the flow step's gear icon). Without a configuration, the defaults apply. */
record IdentityFirstConfig(String defaultPhoneRegion, boolean sendUpnForPhone) {

    static final String DEFAULT_PHONE_REGION = "defaultPhoneRegion";
    static final String SEND_UPN_FOR_PHONE = "sendUpnForPhone";
    static final String NO_REGION = "";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(DEFAULT_PHONE_REGION).label("Default phone region")
            .helpText("Country (ISO 3166 code) for mobile numbers typed without a country code, like 06 12345678 in NL. "
                    + "Empty: only numbers with a country code (+31 6 12345678) are understood. Numbers are compared in "
                    + "E.164 with the users' phoneNumber attribute.")
            .type(ProviderConfigProperty.LIST_TYPE).options(regionChoices()).defaultValue(NO_REGION).add()
            .property().name(SEND_UPN_FOR_PHONE).label("Send the UPN for a typed mobile number")
            .helpText("Off (default): an SSO user who types their mobile number goes to Microsoft without login_hint and "
                    + "types their account there. On: their UPN is sent as login_hint, which reveals the corporate UPN "
                    + "behind a number to anyone who types it (it is in the redirect to Microsoft), so mobile numbers "
                    + "can be mapped to identities.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .build();

    static IdentityFirstConfig from(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String region = config.getOrDefault(DEFAULT_PHONE_REGION, NO_REGION);
        return new IdentityFirstConfig(MobileNumber.isRegion(region) ? region : null,
                Boolean.parseBoolean(config.get(SEND_UPN_FOR_PHONE)));
    }

    private static List<String> regionChoices() {
        List<String> choices = new ArrayList<>();
        choices.add(NO_REGION);
        choices.addAll(MobileNumber.regions());
        return choices;
    }
}
