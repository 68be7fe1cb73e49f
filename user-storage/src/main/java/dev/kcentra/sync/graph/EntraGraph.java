package dev.kcentra.sync.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import dev.kcentra.sync.ClientAuthentication;
import dev.kcentra.sync.EntraSyncConfig;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Builds the Graph SDK client for one Entra connection: our token provider, bounded retries, the configured cloud. */
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
                config.authentication(), secret, credentials, config.cloud().graphScope(), graphHost, clock);
        return client(config.graph(), tokens, traffic);
    }

    /** @param graphBase like https://graph.microsoft.com */
    static GraphServiceClient client(String graphBase, AccessTokenProvider tokens, GraphTraffic traffic) {
        RequestOption[] options = {new RetryHandlerOption(RetryHandlerOption.DEFAULT_SHOULD_RETRY, MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS)};
        OkHttpClient http = GraphClientFactory.create(options)
                // Inside the retry handler: every attempt is counted and may be slowed down.
                .addNetworkInterceptor(traffic)
                .connectTimeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(100))
                .build();
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
        graph.getRequestAdapter().setBaseUrl(graphBase + "/v1.0");
        return graph;
    }
}
