package dev.kcentra.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import org.htmlunit.BrowserVersion;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/**
 * A headless browser (HtmlUnit) that follows the real pages: it fills the forms a person would and clicks their
 * submit buttons, so every redirect, cookie and hidden field of Keycloak and the stand-in is exercised.
 */
public final class Browser implements AutoCloseable {

    private final WebClient client = new WebClient(BrowserVersion.FIREFOX);

    public Browser() {
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        // Refusals (403, 409) are what many tests expect: their pages are asserted on, not dumped into the build log.
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.getOptions().setRedirectEnabled(true);
    }

    public HtmlPage open(URI uri) {
        try {
            return client.getPage(uri.toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills the named inputs of the page's form with the given id and presses its submit button. */
    public HtmlPage submit(HtmlPage page, String formId, Map<String, String> fields) {
        HtmlForm form = page.getHtmlElementById(formId);
        fields.forEach((name, value) -> {
            HtmlInput input = form.getInputByName(name);
            input.setValue(value);
        });
        HtmlElement button = form.getFirstByXPath(".//button[@type='submit'] | .//input[@type='submit']");
        if (button == null) {
            throw new IllegalStateException("Form " + formId + " on " + page.getUrl() + " has no submit button");
        }
        try {
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form post made by hand (as an attacker or a replaying browser would), with this browser's cookies. */
    public Page post(URI uri, Map<String, String> fields) {
        try {
            WebRequest request = new WebRequest(uri.toURL(), HttpMethod.POST);
            request.setRequestParameters(fields.entrySet().stream().map(e -> new NameValuePair(e.getKey(), e.getValue())).toList());
            return client.getPage(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebClient webClient() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
