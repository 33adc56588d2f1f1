package io.magnum.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code bin/magnum-server}: starts {@link MagnumServer} and runs until Ctrl-C (or SIGTERM), which stops it cleanly
 * through a shutdown hook.
 */
public final class MagnumServerMain
{
    private static final Logger log = LoggerFactory.getLogger(MagnumServerMain.class);

    private MagnumServerMain()
    {
    }

    public static void main(String[] args) throws InterruptedException
    {
        List<String> arguments = List.of(args);
        PrintStream err = System.err;
        if (arguments.contains("--help") || arguments.contains("-h")) {
            err.println(ServerOptions.USAGE);
            return;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(arguments, System.getenv());
        }
        catch (IllegalArgumentException e) {
            err.println("magnum-server: " + e.getMessage());
            err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        MagnumServer server = MagnumServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("magnum-server: stopping");
            server.close();
        }, "magnum-server-shutdown"));
        server.awaitClose();
    }
}
