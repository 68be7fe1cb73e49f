package dev.kcentra.standin.login;

import dev.kcentra.standin.StandInUrls;
import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.fault.Faults;

import java.time.Clock;

/** What the login endpoints share. */
public record LoginContext(Directory directory, StandInUrls urls, Faults faults, SigningKey key, SignInSessions sessions,
                           TokenFactory tokens, ClientAuthenticator clients, Clock clock) {

    public static LoginContext create(Directory directory, StandInUrls urls, Faults faults, Clock clock) {
        SigningKey key = SigningKey.shared();
        return new LoginContext(directory, urls, faults, key, new SignInSessions(clock), new TokenFactory(urls, key, clock),
                new ClientAuthenticator(directory::application, clock), clock);
    }
}
