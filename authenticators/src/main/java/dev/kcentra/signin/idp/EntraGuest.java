package dev.kcentra.signin.idp;

import java.util.Locale;

/**
 * B2B guests. A guest's UPN in the resource tenant is {@code name_home#EXT#@resource} and is no sign-in name: the guest
 * signs in at the resource tenant's endpoint with their home identity, so neither that UPN as {@code login_hint} nor a
 * {@code domain_hint} of the resource tenant may be sent
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc, "Send the sign-in request": "for guest
 * scenarios ... you must provide the tenant identifier"; https://learn.microsoft.com/en-us/entra/external-id/user-properties).
 */
public final class EntraGuest {

    /** Auth note set by the identity-first step when the user it sends to Microsoft is a guest. */
    public static final String GUEST_NOTE = "kcentra.entra.guest";

    private EntraGuest() {
    }

    public static boolean isGuestUpn(String upn) {
        return upn != null && upn.toUpperCase(Locale.ROOT).contains("#EXT#@");
    }
}
