package dev.kcentra.signin.outage;

import dev.kcentra.common.net.OutboundAddressGuard;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether Microsoft's endpoints answer, asked before an SSO user is sent there: an endpoint answers when it gives
 * any HTTP response below 500 within the timeout (Microsoft's authorize endpoint answers a bare GET with its own
 * error page). Results are kept per URL for a while so that the check costs nothing on the common path. A URL that
 * {@link OutboundAddressGuard} refuses (a custom cloud's, admin-given) is not asked and does not answer.
 */
public final class EntraAvailability {

    private static final Logger LOG = Logger.getLogger(EntraAvailability.class);

    private final HttpClient http;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final Supplier<OutboundAddressGuard> guard;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    private record Checked(boolean answers, Instant at) {
    }

    /** @param guard read at every probe: the server's options are not known yet when factories are built */
    public EntraAvailability(Duration timeout, Duration cacheFor, Clock clock, Supplier<OutboundAddressGuard> guard) {
        this.guard = guard;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether every URL answers, from recent results where there are some. Null and blank URLs are skipped. */
    public boolean answers(String... urls) {
        for (String url : urls) {
            if (url != null && !url.isBlank() && !answersCached(url)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asks again, ignoring earlier results: after a failed code exchange, to tell Microsoft's outage from anything
     * else. The token endpoint is asked with an empty POST (Microsoft answers 400), its keys with a GET.
     */
    public boolean answersNow(String tokenUrl, String keysUrl) {
        return (tokenUrl == null || probe(tokenUrl, true)) && (keysUrl == null || probe(keysUrl, false));
    }

    private boolean answersCached(String url) {
        Instant now = clock.instant();
        Checked last = checked.get(url);
        if (last != null && last.at().plus(cacheFor).isAfter(now)) {
            return last.answers();
        }
        return probe(url, false);
    }

    private boolean probe(String url, boolean post) {
        boolean answers;
        try {
            URI uri = URI.create(url);
            guard.get().check(uri);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
            HttpRequest request = (post ? builder.POST(HttpRequest.BodyPublishers.ofString(""))
                    .header("Content-Type", "application/x-www-form-urlencoded") : builder.GET()).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            answers = status < 500;
            if (!answers) {
                LOG.warnf("Microsoft endpoint %s answered %d", url, status);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Microsoft endpoint %s does not answer: %s", url, e.toString());
            answers = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answers = false;
        }
        checked.put(url, new Checked(answers, clock.instant()));
        return answers;
    }
}
