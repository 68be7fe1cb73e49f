package dev.kcentra.standin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the stand-in: the seed file and the two ports on 127.0.0.1 (0 picks a free one). Microsoft serves
 * login and Graph from different hosts; so does the stand-in.
 */
public record StandInOptions(Path seedFile, int loginPort, int graphPort) {

    public static final int DEFAULT_LOGIN_PORT = 8180;
    public static final int DEFAULT_GRAPH_PORT = 8181;

    public StandInOptions {
        Objects.requireNonNull(seedFile, "seedFile");
        checkPort(loginPort, "login port");
        checkPort(graphPort, "graph port");
        if (loginPort != 0 && loginPort == graphPort) {
            throw new IllegalArgumentException("login and graph ports must differ, both were " + loginPort);
        }
    }

    /** {@code --seed FILE [--login-port N] [--graph-port N]}. */
    public static StandInOptions fromArguments(String... args) {
        Path seed = null;
        int login = DEFAULT_LOGIN_PORT;
        int graph = DEFAULT_GRAPH_PORT;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--seed" -> seed = Path.of(value);
                case "--login-port" -> login = port(value, name);
                case "--graph-port" -> graph = port(value, name);
                default -> throw new IllegalArgumentException("unknown option " + name + "; use --seed FILE [--login-port N] [--graph-port N]");
            }
        }
        if (seed == null) {
            throw new IllegalArgumentException("--seed FILE is required");
        }
        return new StandInOptions(seed, login, graph);
    }

    private static int port(String value, String name) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0-65535, was " + port);
        }
    }
}
