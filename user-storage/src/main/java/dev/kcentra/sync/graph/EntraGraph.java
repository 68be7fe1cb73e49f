package dev.kcentra.sync.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.common.net.RefusedDestinationException;
import dev.kcentra.sync.ClientAuthentication;
import dev.kcentra.sync.EntraSyncConfig;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the Graph SDK client for one Entra connection: our token provider, bounded retries, the configured cloud.
 * Every request (each retry and redirect too) and every name resolution passes {@link OutboundAddressGuard}: a
 * custom Graph URL is admin-given.
 */
public final class EntraGraph {

    /** Retries after throttling (429) or outages (503/504), each waiting Retry-After when Graph sends it. */
    static final int MAX_RETRIES = 5;
    static final long DEFAULT_RETRY_DELAY_SECONDS = 3;

    private EntraGraph() {
    }

    /**
     * @param secret the client secret, vault references already resolved
     * @param privateKey the PEM private key, vault references already resolved
     * @param traffic counts the client's Graph requests and slows it down near the throttling limit
     */
    public static GraphServiceClient client(EntraSyncConfig config, String secret, String privateKey, Clock clock, GraphTraffic traffic) {
        PemCredentials credentials = config.authentication() == ClientAuthentication.CERTIFICATE
                ? PemCredentials.parse(config.certificatePem(), privateKey)
                : null;
        String graphHost = URI.create(config.graph()).getHost();
        ClientCredentialsTokenProvider tokens = new ClientCredentialsTokenProvider(config.tokenEndpoint(), config.clientId(),
                config.authentication(), secret, credentials, config.cloud().graphScope(), graphHost, clock, OutboundAddressGuard.server());
        return client(config.graph(), tokens, traffic, OutboundAddressGuard.server());
    }

    /** @param graphBase like https://graph.microsoft.com */
    static GraphServiceClient client(String graphBase, AccessTokenProvider tokens, GraphTraffic traffic, OutboundAddressGuard guard) {
        RequestOption[] options = {new RetryHandlerOption(RetryHandlerOption.DEFAULT_SHOULD_RETRY, MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS)};
        OkHttpClient http = GraphClientFactory.create(options)
                // Inside the retry handler: every attempt is counted and may be slowed down.
                .addNetworkInterceptor(traffic)
                // Last of the application interceptors, so it sees every attempt the retry and redirect handlers make.
                .addInterceptor(checked(guard))
                // Names are resolved once, checked: a name cannot resolve inward between the check and the connection.
                .dns(hostname -> resolved(guard, hostname))
                .connectTimeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(100))
                .build();
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
        graph.getRequestAdapter().setBaseUrl(graphBase + "/v1.0");
        return graph;
    }

    private static Interceptor checked(OutboundAddressGuard guard) {
        return chain -> {
            guard.check(chain.request().url().uri());
            return chain.proceed(chain.request());
        };
    }

    private static List<InetAddress> resolved(OutboundAddressGuard guard, String hostname) throws UnknownHostException {
        try {
            return guard.lookup(hostname);
        } catch (RefusedDestinationException e) {
            UnknownHostException refused = new UnknownHostException(e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }
}
