package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.Directory.Account;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code POST /{tenant}/login}: the sign-in form's target. A seeded user with the right password gets a code. */
public final class SignInEndpoint extends LoginEndpoint {

    public SignInEndpoint(LoginContext context) {
        super(context, RequestMethod.POST, "/[^/]+/login");
    }

    static String action(Authority authority) {
        return "/" + authority.segment() + "/login";
    }


    @Override
    protected ResponseDefinition handle(Request request) {
        Params form = Params.form(request);
        String pageId = form.getOrNull("ctx");
        Optional<AuthorizeRequest> pending = context.sessions().page(pageId);
        if (pending.isEmpty()) {
            return AadError.invalidRequest(50058, "This sign-in page expired or was already used. Go back to the "
                    + "application and sign in again.").toPage();
        }
        AuthorizeRequest authorize = pending.get();
        String userName = form.get("loginfmt").map(String::trim).orElse("");
        String password = form.get("passwd").orElse("");

        Optional<Account> account = account(authorize.authority(), userName);
        String error = null;
        if (userName.isEmpty()) {
            error = "AADSTS900144: Enter a valid email address, phone number, or Skype name.";
        } else if (account.isEmpty()) {
            error = "AADSTS50034: We couldn't find an account with that username. The user account does not exist in "
                    + "the directory this application signs in to.";
        } else if (!passwordMatches(account.get(), password)) {
            error = "AADSTS50126: Error validating credentials due to invalid username or password.";
        } else if (!account.get().user().accountEnabled()) {
            error = "AADSTS50057: The user account is disabled.";
        }
        if (error != null) {
            Authority authority = authorize.authority();
            return Responses.html(200, SignInPage.signIn(action(authority), pageId,
                    authority.kind() == Authority.Kind.TENANT ? authority.tenant().displayName() : null, userName, error));
        }

        context.sessions().closePage(pageId);
        String code = context.sessions().issueCode(new SignInSessions.Grant(authorize, account.get(), context.clock().instant()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("state", authorize.state());
        fields.put("session_state", UUID.randomUUID().toString());
        return AuthorizationResponse.send(authorize.redirectUri(), authorize.responseMode(), fields);
    }

    /**
     * By sign-in name in any tenant the authority admits; at a tenant's own endpoint also its guests by home identity.
     * A guest's {@code #EXT#} UPN is no sign-in name (https://learn.microsoft.com/en-us/entra/external-id/user-properties).
     */
    private Optional<Account> account(Authority authority, String userName) {
        Optional<Account> member = context.directory().account(userName)
                .filter(a -> !a.user().isGuest()).filter(a -> authority.admits(a.tenant()));
        if (member.isPresent() || authority.kind() != Authority.Kind.TENANT) {
            return member;
        }
        return authority.tenant().guestByHomeIdentity(userName).map(guest -> new Account(authority.tenant(), guest));
    }

    private static boolean passwordMatches(Account account, String password) {
        String expected = account.user().password();
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }
}
