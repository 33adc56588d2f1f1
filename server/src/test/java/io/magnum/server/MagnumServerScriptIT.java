package io.magnum.server;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/magnum-server} as a user runs it (on the jar {@code mvn package} built): it serves the API, stops
 * cleanly on SIGTERM (Ctrl-C's SIGINT runs the same shutdown hook), and a second start finds the state of the first.
 */
@Tag("integration")
class MagnumServerScriptIT
{
    private static final Path SCRIPT = Path.of("..", "bin", "magnum-server").toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("API on (http://127\\.0\\.0\\.1:\\d+)/v1");

    /** A running script: its process and the lines it has logged so far. */
    private record Running(Process process, BlockingQueue<String> lines, URI uri)
    {
    }

    private static Running start(Path dataDir) throws Exception
    {
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), "--port", "0", "--data-dir",
                dataDir.toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            }
            catch (IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        }, "magnum-server-script-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    break;
                }
                continue;
            }
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return new Running(process, lines, URI.create(matcher.group(1)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("bin/magnum-server did not start:\n" + seen);
    }

    /**
     * Stops the server as Ctrl-C does, with SIGINT; where this process's children inherit SIGINT ignored (a
     * background job of a non-interactive shell), with SIGTERM, which runs the same shutdown hook.
     */
    private static String stop(Running running) throws Exception
    {
        long pid = running.process().pid();
        String signal = ignoresSigint(pid) ? "-TERM" : "-INT";
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).as("stopped by " + signal).isTrue();
        Thread.sleep(200);
        StringBuilder rest = new StringBuilder();
        String line;
        while ((line = running.lines().poll()) != null) {
            rest.append(line).append('\n');
        }
        return rest.toString();
    }

    private static boolean ignoresSigint(long pid) throws IOException
    {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return true;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return true;
    }

    @Test
    void servesStopsCleanlyAndKeepsItsState(@TempDir Path dataDir) throws Exception
    {
        Running first = start(dataDir);
        assertThat(Http.send("GET", first.uri().resolve("/"), null).json().path("versions").get(0).path("id").asText())
                .isEqualTo("v1");
        assertThat(Http.send("POST", first.uri().resolve("/v1/clustertemplates"), Http.TEMPLATE).status())
                .isEqualTo(201);
        String log = stop(first);
        assertThat(log).contains("magnum-server: stopping").contains("Magnum API on").contains("Magnum closed");
        assertThat(Files.exists(dataDir.resolve("magnum.mv.db"))).isTrue();

        Running second = start(dataDir);
        try {
            assertThat(Http.send("GET", second.uri().resolve("/v1/clustertemplates/k8s"), null).status())
                    .isEqualTo(200);
            assertThat(Http.send("GET", second.uri().resolve("/v1/mservices"), null).json().path("mservices")
                    .get(0).path("state").asText()).isEqualTo("up");
        }
        finally {
            stop(second);
        }
    }

    @Test
    void helpAndBadOptions() throws Exception
    {
        Process help = new ProcessBuilder("bash", SCRIPT.toString(), "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(text).contains("usage: magnum-server").contains("OS_AUTH_URL");

        Process bad = new ProcessBuilder("bash", SCRIPT.toString(), "--colour").redirectErrorStream(true).start();
        String error = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(error).contains("unknown option '--colour'");
    }
}
