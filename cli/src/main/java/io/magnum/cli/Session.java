package io.magnum.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one run of the CLI works with: where its output goes, its environment, whether standard error is a
 * terminal, and (once the global options are read) the API client. Commands reach it through their parent
 * {@link MagnumCommand}. One per {@link MagnumCli#run} call; not thread-safe.
 */
final class Session
{
    /** The token sent when none is given: the embedded server accepts any token. */
    static final String DEFAULT_TOKEN = "magnum4j-cli";
    /** Magnum's port on this machine. */
    static final String DEFAULT_URL = "http://127.0.0.1:9511";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final boolean terminal;
    private final Path workingDirectory;
    private final Duration pollInterval;
    private final Duration requestTimeout;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private String url;
    private String token;
    private MagnumApi api;

    Session(PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal,
            Path workingDirectory, Duration pollInterval, Duration requestTimeout)
    {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.terminal = terminal;
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /** @return where tables and results go */
    PrintStream out()
    {
        return out;
    }

    /** @return where errors and progress go */
    PrintStream err()
    {
        return err;
    }

    /** @return whether standard error is a terminal (a progress bar is drawn only then) */
    boolean terminal()
    {
        return terminal;
    }

    /** @return how often {@code --wait} asks for a bay */
    Duration pollInterval()
    {
        return pollInterval;
    }

    /** @return the JSON mapper (it refuses trailing tokens, as Python's {@code json.loads} does) */
    ObjectMapper mapper()
    {
        return mapper;
    }

    /** @return a new empty JSON object */
    ObjectNode object()
    {
        return mapper.createObjectNode();
    }

    /**
     * @param name an environment variable
     * @return its value, or null when unset or empty
     */
    String env(String name)
    {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Sets what the global options (or the environment) say; called once before a command runs.
     *
     * @param url   the API's URL, or null for the environment's or the default
     * @param token the token, or null for the environment's or the default
     */
    void connect(String url, String token)
    {
        this.url = url;
        this.token = token;
    }

    /** @return the API client, made on first use */
    MagnumApi api()
    {
        if (api == null) {
            String chosen = first(url, env("MAGNUM_URL"), env("BYPASS_URL"), DEFAULT_URL);
            String chosenToken = first(token, env("OS_TOKEN"), env("OS_AUTH_TOKEN"), DEFAULT_TOKEN);
            api = new MagnumApi(chosen, chosenToken, requestTimeout, mapper);
        }
        return api;
    }

    private static String first(String... values)
    {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalStateException("no value");
    }

    /**
     * @param name a file name as typed, relative to the working directory or absolute
     * @return the file
     */
    Path file(String name)
    {
        return workingDirectory.resolve(name);
    }

    /**
     * @param name a file name as typed
     * @return whether it names a regular file
     */
    boolean isFile(String name)
    {
        return Files.isRegularFile(file(name));
    }

    /**
     * @param name what names the file (an option's value)
     * @param role what the file is, for the error message ({@code manifest}, {@code CSR})
     * @return the file's text
     * @throws CliException when it cannot be read
     */
    String read(String name, String role)
    {
        Path file = file(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new CliException("cannot read the " + role + " file " + name + ": "
                    + (Files.exists(file) ? e.getMessage() : "no such file"), 1, e);
        }
    }
}
