package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.http.Endpoint;
import dev.kcentra.standin.http.Responses;

import java.util.Map;

/**
 * {@code POST /_standin/keys/roll} on the login port: a signing key rollover now (see {@link SigningKey#roll()}), so
 * that relying parties can be shown to pick up a new {@code kid} from the JWKS. Answers {@code {"kid": new key id}}.
 */
public final class KeyRolloverEndpoint extends Endpoint {

    public static final String PATH = "/_standin/keys/roll";

    private final SigningKey key;

    public KeyRolloverEndpoint(SigningKey key) {
        super(null, RequestMethod.POST, PATH);
        this.key = key;
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        return Responses.json(200, Map.of("kid", key.roll()));
    }

    @Override
    protected ResponseDefinition faultResponse(Fault fault) {
        throw new IllegalStateException("faults do not apply to the control API");
    }
}
