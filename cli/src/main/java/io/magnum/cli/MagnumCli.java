package io.magnum.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The {@code magnum} command: the seed's commands ({@code baymodel-create}, {@code bay-list}, {@code ca-sign},
 * {@code pod-create}, ...) with python-magnumclient 2.x's options and tables, over Magnum's v1 REST API
 * ({@code MAGNUM_URL}, default {@code http://127.0.0.1:9511}). {@code bin/magnum} runs it through {@link Main};
 * a program or a test can run it in-process with its own streams and environment:
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * int status = MagnumCli.builder()
 *         .out(new PrintStream(out, true, UTF_8))
 *         .environment(Map.of("MAGNUM_URL", server.uri().toString()))
 *         .build()
 *         .run("bay-list");
 * }</pre>
 *
 * A failure prints one {@code ERROR: <message>} line on standard error (an API error ends with
 * {@code (HTTP <status>)}) and {@link #run} returns 1; a command line it cannot parse returns 2. Nothing it prints
 * carries a stack trace. Each {@link #run} is independent; an instance may be run again but not from two threads
 * at once.
 */
public final class MagnumCli
{
    private static final Logger log = LoggerFactory.getLogger(MagnumCli.class);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final boolean terminal;
    private final Path workingDirectory;
    private final Duration pollInterval;
    private final Duration requestTimeout;

    private MagnumCli(Builder builder)
    {
        this.out = builder.out;
        this.err = builder.err;
        this.environment = builder.environment;
        this.terminal = builder.terminal;
        this.workingDirectory = builder.workingDirectory;
        this.pollInterval = builder.pollInterval;
        this.requestTimeout = builder.requestTimeout;
    }

    /** @return a builder: no output streams set, an empty environment, standard error not a terminal */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Runs one command line, as {@code magnum <args>} would.
     *
     * @param args the arguments after {@code magnum}
     * @return the exit status: 0 when it worked, 1 when it failed, 2 when the command line is wrong
     */
    public int run(String... args)
    {
        requireNonNull(args, "args is null");
        int status;
        try {
            status = execute(args);
        }
        catch (RuntimeException e) {
            // not one of a command's failures (those are handled below): still one line, never a trace
            status = failed(e);
        }
        out.flush();
        err.flush();
        return status;
    }

    private int execute(String[] args)
    {
        Session session = new Session(out, err, environment, terminal, workingDirectory, pollInterval,
                requestTimeout);
        CommandLine commandLine = new CommandLine(new MagnumCommand(session))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setOverwrittenOptionsAllowed(true)
                .setUsageHelpAutoWidth(false)
                .setExecutionExceptionHandler((e, line, parsed) -> failed(e))
                .setParameterExceptionHandler(this::badCommandLine);
        return commandLine.execute(args);
    }

    private int failed(Exception e)
    {
        if (e instanceof CliException cli) {
            log.debug("command failed", e);
            err.println("ERROR: " + MagnumApi.oneLine(cli.getMessage()));
            return cli.exitCode();
        }
        if (e instanceof ApiError api) {
            log.debug("command failed", e);
            err.println("ERROR: " + api.getMessage());
            return 1;
        }
        // a bug of ours: still one line, with what it was; --debug logs the trace
        log.debug("command failed unexpectedly", e);
        err.println("ERROR: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + MagnumApi.oneLine(e.getMessage())));
        return 1;
    }

    /** As argparse does: the problem, then where to read about the command; exit status 2. */
    private int badCommandLine(ParameterException e, String[] args)
    {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().parent() == null ? null : command.getCommandName();
        if (name == null && e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String typed = unmatched.getUnmatched().get(0);
            // picocli always has a few; only those that start like the typo help
            List<String> suggestions = unmatched.getSuggestions().stream()
                    .filter(s -> s.regionMatches(0, typed, 0, Math.min(3, typed.length()))).toList();
            err.println("ERROR: '" + typed + "' is not a valid subcommand"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
        }
        else {
            err.println("ERROR: " + MagnumApi.oneLine(e.getMessage()));
        }
        err.println(name == null ? "See \"magnum help\" for the commands."
                : "Try 'magnum help " + name + "' for help on a specific command.");
        return 2;
    }

    /** Configures a {@link MagnumCli}. Not thread-safe. */
    public static final class Builder
    {
        private PrintStream out = new PrintStream(PrintStream.nullOutputStream());
        private PrintStream err = new PrintStream(PrintStream.nullOutputStream());
        private Map<String, String> environment = Map.of();
        private boolean terminal;
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofMinutes(5);

        private Builder()
        {
        }

        /** @param out where tables and results go (standard output) @return this */
        public Builder out(PrintStream out)
        {
            this.out = requireNonNull(out, "out is null");
            return this;
        }

        /** @param err where errors and {@code --wait}'s progress go (standard error) @return this */
        public Builder err(PrintStream err)
        {
            this.err = requireNonNull(err, "err is null");
            return this;
        }

        /**
         * @param environment the variables read: {@code MAGNUM_URL} (or {@code BYPASS_URL}), {@code OS_TOKEN} (or
         *                    {@code OS_AUTH_TOKEN})
         * @return this
         */
        public Builder environment(Map<String, String> environment)
        {
            this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
            return this;
        }

        /** @param terminal whether standard error is a terminal, so {@code --wait} draws a bar @return this */
        public Builder terminal(boolean terminal)
        {
            this.terminal = terminal;
            return this;
        }

        /** @param directory what relative file names ({@code --manifest}, {@code --csr}) are read from @return this */
        public Builder workingDirectory(Path directory)
        {
            this.workingDirectory = requireNonNull(directory, "directory is null").toAbsolutePath();
            return this;
        }

        /** @param interval how often {@code --wait} asks for the bay (default 2 s) @return this */
        public Builder pollInterval(Duration interval)
        {
            requireNonNull(interval, "interval is null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive");
            }
            this.pollInterval = interval;
            return this;
        }

        /** @param timeout how long one HTTP request may take (default 5 minutes) @return this */
        public Builder requestTimeout(Duration timeout)
        {
            requireNonNull(timeout, "timeout is null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** @return the CLI */
        public MagnumCli build()
        {
            return new MagnumCli(this);
        }
    }
}
