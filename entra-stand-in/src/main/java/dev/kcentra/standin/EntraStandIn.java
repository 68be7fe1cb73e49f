package dev.kcentra.standin;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import dev.kcentra.standin.admin.AdminEndpoint;
import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.fault.Faults;
import dev.kcentra.standin.graph.DomainsEndpoint;
import dev.kcentra.standin.graph.GraphContext;
import dev.kcentra.standin.graph.GroupMembersEndpoint;
import dev.kcentra.standin.graph.GroupsDeltaEndpoint;
import dev.kcentra.standin.graph.PageTokens;
import dev.kcentra.standin.graph.ResourceUnitMeter;
import dev.kcentra.standin.graph.UserEndpoint;
import dev.kcentra.standin.graph.UserInfoEndpoint;
import dev.kcentra.standin.graph.UsersDeltaEndpoint;
import dev.kcentra.standin.graph.UsersEndpoint;
import dev.kcentra.standin.http.Endpoint;
import dev.kcentra.standin.login.AuthorizeEndpoint;
import dev.kcentra.standin.login.KeyRolloverEndpoint;
import dev.kcentra.standin.login.KeysEndpoint;
import dev.kcentra.standin.login.LoginContext;
import dev.kcentra.standin.login.LogoutEndpoint;
import dev.kcentra.standin.login.OpenIdConfigurationEndpoint;
import dev.kcentra.standin.login.SignInEndpoint;
import dev.kcentra.standin.login.TokenEndpoint;
import dev.kcentra.standin.seed.Seed;
import dev.kcentra.standin.seed.SeedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A local stand-in for Microsoft Entra ID on 127.0.0.1: the v2.0 login authority (OIDC and OAuth 2.0 per tenant) on
 * one port and Microsoft Graph v1.0 on another, both WireMock servers whose stubs are answered from a live
 * {@link Directory} seeded from a file. Clients see Microsoft's wire formats; only the base URLs differ.
 */
public final class EntraStandIn implements AutoCloseable {

    public static final String LOOPBACK = "127.0.0.1";

    private final Seed seed;
    private final Directory directory;
    private final Faults faults;
    private final StandInUrls urls;
    private final WireMockServer login;
    private final WireMockServer graph;
    private final AuthorizeEndpoint authorize;
    private final LoginContext loginContext;

    private EntraStandIn(Seed seed, int loginPort, int graphPort, LoginTls tls) {
        this.seed = seed;
        this.directory = new Directory(seed);
        this.faults = new Faults();
        seed.faults().forEach(faults::add);
        String loginUrl = (tls == null ? "http://" : "https://") + LOOPBACK + ":" + loginPort;
        this.urls = new StandInUrls(loginUrl, "http://" + LOOPBACK + ":" + graphPort, seed.login().issuerBase(loginUrl));

        this.loginContext = LoginContext.create(directory, urls, faults, Clock.systemUTC());
        this.authorize = new AuthorizeEndpoint(loginContext);
        List<Endpoint> loginEndpoints = List.of(new OpenIdConfigurationEndpoint(loginContext), authorize,
                new SignInEndpoint(loginContext), new TokenEndpoint(loginContext), new KeysEndpoint(loginContext),
                new LogoutEndpoint(loginContext), new KeyRolloverEndpoint(loginContext.key()));

        GraphContext graphContext = new GraphContext(directory, faults, loginContext.key(), urls.graph(), new PageTokens(), seed.graph(),
                new ResourceUnitMeter(Clock.systemUTC()));
        List<Endpoint> graphEndpoints = List.of(new UsersDeltaEndpoint(graphContext), new GroupsDeltaEndpoint(graphContext),
                new UsersEndpoint(graphContext), new UserEndpoint(graphContext), new GroupMembersEndpoint(graphContext),
                new UserInfoEndpoint(graphContext), new DomainsEndpoint(graphContext),
                new AdminEndpoint(directory, faults));

        this.login = server(loginPort, loginEndpoints, tls);
        this.graph = server(graphPort, graphEndpoints, null);
    }

    /** Starts both servers; ports 0 pick free ones. */
    public static EntraStandIn start(StandInOptions options) {
        Seed seed = Seed.load(options.seedFile());
        return new EntraStandIn(seed, portOrFree(options.loginPort()), portOrFree(options.graphPort()), null);
    }

    public static EntraStandIn start(Seed seed, int loginPort, int graphPort) {
        return new EntraStandIn(seed, portOrFree(loginPort), portOrFree(graphPort), null);
    }

    /** The login authority over HTTPS only (for clients that require it, like MSAL), Graph over HTTP. */
    public static EntraStandIn startWithHttpsLogin(Seed seed, LoginTls tls) {
        return new EntraStandIn(seed, portOrFree(0), portOrFree(0), tls);
    }

    /** Like {@code https://login.microsoftonline.com}. */
    public String loginBaseUrl() {
        return urls.login();
    }

    /** Like {@code https://graph.microsoft.com}. */
    public String graphBaseUrl() {
        return urls.graph();
    }

    public StandInUrls urls() {
        return urls;
    }

    public Seed seed() {
        return seed;
    }

    /** The live directory: change users and groups here and the next delta round reports it. */
    public Directory directory() {
        return directory;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * A signing key rollover: tokens are signed from now on with the key published next in the JWKS (also
     * {@code POST /_standin/keys/roll} on the login port). The keys are shared by the stand-ins of one process.
     */
    public String rollSigningKey() {
        return loginContext.key().roll();
    }

    /** Query parameters of the most recent authorization request. */
    public Map<String, String> lastAuthorizeRequest() {
        return authorize.lastRequest();
    }

    @Override
    public void close() {
        login.stop();
        graph.stop();
    }

    private static WireMockServer server(int port, List<Endpoint> endpoints, LoginTls tls) {
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress(LOOPBACK)
                .notifier(new ConsoleNotifier(false))
                .maxRequestJournalEntries(200)
                .extensionScanningEnabled(false)
                .extensions(endpoints.toArray(Extension[]::new));
        if (tls == null) {
            options.port(port);
        } else {
            options.httpDisabled(true).httpsPort(port).keystorePath(tls.keyStore().toString()).keystoreType("PKCS12")
                    .keystorePassword(tls.password()).keyManagerPassword(tls.password());
        }
        WireMockServer server = new WireMockServer(options);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Entra stand-in cannot listen on " + LOOPBACK + ":" + port
                    + " (is it taken?): " + e.getMessage(), e);
        }
        for (Endpoint endpoint : endpoints) {
            server.stubFor(WireMock.request(endpoint.method().getName(), urlPathMatching(endpoint.pathPattern()))
                    .atPriority(endpoint instanceof AdminEndpoint ? 1 : 5)
                    .willReturn(aResponse().withTransformers(endpoint.getName())));
        }
        server.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"UnknownError\",\"message\":\"The Entra stand-in does not serve this path.\"}}")));
        return server;
    }

    private static int portOrFree(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -jar entra-stand-in-VERSION-runnable.jar --seed FILE [--login-port 8180] [--graph-port 8181]}. */
    public static void main(String[] args) throws InterruptedException {
        EntraStandIn standIn;
        try {
            standIn = start(StandInOptions.fromArguments(args));
        } catch (IllegalArgumentException | SeedException | IllegalStateException e) {
            System.err.println("entra-stand-in: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "entra-stand-in-stop"));
        System.out.println("Entra stand-in ready");
        System.out.println("  login: " + standIn.loginBaseUrl() + "/{tenant}/v2.0/.well-known/openid-configuration");
        System.out.println("  graph: " + standIn.graphBaseUrl() + "/v1.0");
        standIn.directory().tenants().forEach(t -> System.out.println("  tenant " + t.id() + " " + t.displayName()));
        new CountDownLatch(1).await();
    }
}
