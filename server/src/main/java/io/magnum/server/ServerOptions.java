package io.magnum.server;

import io.magnum.api.MagnumApiServer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How {@code bin/magnum-server} was asked to run: {@code --host}, {@code --port}, {@code --data-dir}
 * ({@code ./magnum-data}), {@code --no-auth}, and the environment (an {@code OS_AUTH_URL} means OpenStack).
 *
 * @param host    the address to listen on
 * @param port    the port (0 for any free one)
 * @param dataDir where the H2 database (and its key) live
 * @param noAuth  whether to accept every token even on OpenStack
 * @param env     the environment, for the {@code OS_*} variables
 */
public record ServerOptions(String host, int port, Path dataDir, boolean noAuth, Map<String, String> env)
{
    /** What {@code --help} prints. */
    public static final String USAGE = String.join("\n",
            "usage: magnum-server [--host ADDRESS] [--port PORT] [--data-dir DIR] [--no-auth]",
            "",
            "Serves Magnum's v1 REST API (http://ADDRESS:PORT/v1) over magnum4j.",
            "  --host ADDRESS   the address to listen on (default 127.0.0.1)",
            "  --port PORT      the port (default 9511, Magnum's)",
            "  --data-dir DIR   where state is kept: an H2 database file and its key (default ./magnum-data)",
            "  --no-auth        accept every token, even with OS_AUTH_URL set",
            "",
            "Without OS_AUTH_URL it runs on LocalCloud, the in-process cloud, and accepts every token as the",
            "admin of project 'default'. With the usual OS_* variables (OS_AUTH_URL, OS_USERNAME, OS_PASSWORD,",
            "OS_PROJECT_NAME, OS_USER_DOMAIN_NAME, OS_PROJECT_DOMAIN_NAME, OS_REGION_NAME, or OS_TOKEN) it",
            "builds bays on that OpenStack and checks every request's token with its Keystone.",
            "Ctrl-C stops it; bays in progress carry on at the next start.");

    public ServerOptions
    {
        requireNonNull(host, "host is null");
        requireNonNull(dataDir, "dataDir is null");
        env = Map.copyOf(requireNonNull(env, "env is null"));
    }

    /**
     * @param args the command line
     * @param env  the environment
     * @return the options
     * @throws IllegalArgumentException for an unknown option or a bad value, with a message for the user
     */
    public static ServerOptions parse(List<String> args, Map<String, String> env)
    {
        String host = "127.0.0.1";
        int port = MagnumApiServer.DEFAULT_PORT;
        Path dataDir = Path.of("magnum-data");
        boolean noAuth = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = port(value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--no-auth" -> noAuth = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new ServerOptions(host, port, dataDir, noAuth, env);
    }

    /** @return whether the environment names an OpenStack cloud ({@code OS_AUTH_URL}) */
    public boolean openStack()
    {
        String url = env.get("OS_AUTH_URL");
        return url != null && !url.isBlank();
    }

    private static String value(List<String> args, int index, String option)
    {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String text)
    {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0 to 65535, not " + text);
            }
            return port;
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not '" + text + "'");
        }
    }
}
