package io.magnum.cli;

import java.time.Duration;

/**
 * The {@code magnum} program ({@code bin/magnum}): runs {@link MagnumCli} on the process's streams and environment
 * and exits with its status. Logging goes to standard error through slf4j-simple at WARN ({@code --debug}: the
 * HTTP requests and answers at DEBUG). {@code bin/magnum} tells whether standard error is a terminal with the
 * system property {@code magnum.cli.tty}; {@code MAGNUM_WAIT_INTERVAL} (seconds) sets how often {@code --wait}
 * asks for a bay.
 */
public final class Main
{
    private Main()
    {
    }

    /**
     * @param args the command line after {@code magnum}
     */
    public static void main(String[] args)
    {
        logging(args);
        int status = MagnumCli.builder()
                .out(System.out)
                .err(System.err)
                .environment(System.getenv())
                .terminal(terminal())
                .pollInterval(pollInterval(System.getenv("MAGNUM_WAIT_INTERVAL")))
                .build()
                .run(args);
        System.exit(status);
    }

    /** Before the first logger exists: slf4j-simple reads its settings once. */
    private static void logging(String[] args)
    {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        for (String arg : args) {
            if (arg.equals("--debug")) {
                System.setProperty("org.slf4j.simpleLogger.log.io.magnum.cli", "debug");
            }
        }
    }

    private static boolean terminal()
    {
        String told = System.getProperty("magnum.cli.tty");
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    static Duration pollInterval(String seconds)
    {
        if (seconds != null && !seconds.isBlank()) {
            try {
                double value = Double.parseDouble(seconds.strip());
                if (value > 0 && value <= 3600) {
                    return Duration.ofMillis(Math.max(10, Math.round(value * 1000)));
                }
            }
            catch (NumberFormatException e) {
                // the default, below
            }
        }
        return Duration.ofSeconds(2);
    }
}
