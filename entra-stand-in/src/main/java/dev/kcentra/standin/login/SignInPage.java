package dev.kcentra.standin.login;

import static dev.kcentra.standin.http.Responses.escapeHtml;

/**
 * The stand-in's own pages, shaped like Microsoft's: the sign-in form has id {@code signin} and Microsoft's field
 * names ({@code loginfmt}, {@code passwd}), so browser tests read the same way against either.
 */
final class SignInPage {

    private SignInPage() {
    }

    static String signIn(String action, String context, String tenantName, String loginHint, String error) {
        return page("Sign in to your account", """
                <h1>Sign in</h1>
                <p class="tenant">%s</p>
                %s
                <form id="signin" method="post" action="%s">
                  <input type="hidden" name="ctx" value="%s">
                  <label for="i0116">Email, phone, or Skype</label>
                  <input id="i0116" type="email" name="loginfmt" value="%s" autocomplete="username" required>
                  <label for="i0118">Password</label>
                  <input id="i0118" type="password" name="passwd" autocomplete="current-password">
                  <input id="idSIButton9" type="submit" value="Sign in">
                </form>
                """.formatted(escapeHtml(tenantName == null ? "Microsoft Entra ID (stand-in)" : tenantName),
                error == null ? "" : "<div id=\"passwordError\" role=\"alert\">" + escapeHtml(error) + "</div>",
                escapeHtml(action), escapeHtml(context), escapeHtml(loginHint)));
    }

    /** {@code response_mode=form_post}: posts the response to the client; the button works without JavaScript. */
    static String formPost(String redirectUri, java.util.Map<String, String> fields) {
        StringBuilder inputs = new StringBuilder();
        fields.forEach((name, value) -> {
            if (value != null) {
                inputs.append("<input type=\"hidden\" name=\"").append(escapeHtml(name)).append("\" value=\"")
                        .append(escapeHtml(value)).append("\">\n");
            }
        });
        return page("Working...", """
                <form id="response" method="post" action="%s">
                %s<noscript><input type="submit" value="Continue"></noscript>
                </form>
                <script>document.getElementById('response').submit();</script>
                """.formatted(escapeHtml(redirectUri), inputs));
    }

    static String errorPage(String message) {
        return page("Sign in to your account", """
                <h1>Sorry, but we're having trouble signing you in.</h1>
                <p id="errorMessage">%s</p>
                """.formatted(escapeHtml(message)));
    }

    static String signedOut() {
        return page("Sign out", "<h1 id=\"signedOut\">You signed out of your account</h1>");
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body>
                %s</body></html>
                """.formatted(escapeHtml(title), body);
    }
}
