package io.magnum.benchmarks;

import io.magnum.Magnum;
import io.magnum.local.LocalCloud;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long {@code Magnum.builder().cloud(LocalCloud.create()).build()} takes to return a ready instance: open the
 * database, migrate its schema with Flyway, wire the internals with Guice, load the drivers and register the
 * conductor. Measured one build per sample ({@link Mode#SingleShotTime}); the instance is closed, and its database
 * directory deleted, in {@link TearDown} outside the measurement.
 *
 * <p>{@code store} picks the database: {@code memory} is the default in-memory H2, {@code file} a new H2 file in a
 * new temporary directory for every build (so every file build creates and migrates an empty database).
 *
 * <ul>
 *   <li>{@link #cold}: the first build in a fresh JVM, so class loading and the interpreter are part of it. One
 *       sample per fork, many forks: what an application pays at start.</li>
 *   <li>{@link #warm}: builds after 50 earlier ones in the same JVM: the cost of the work itself, once the
 *       classes are loaded and the JIT has compiled the hot paths (on 2 cores the build time stops falling after
 *       some 35 builds; 20 were not enough).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark
{
    @Param({"memory", "file"})
    public String store;

    private Path directory;
    private Magnum magnum;

    @Setup(Level.Invocation)
    public void prepare() throws IOException
    {
        directory = store.equals("file") ? Files.createTempDirectory("magnum-bench-") : null;
    }

    @TearDown(Level.Invocation)
    public void release()
    {
        if (magnum != null) {
            magnum.close();
            magnum = null;
        }
        if (directory != null) {
            deleteRecursively(directory);
            directory = null;
        }
    }

    private Magnum build()
    {
        Magnum.Builder builder = Magnum.builder().cloud(LocalCloud.create());
        if (directory != null) {
            builder.database(directory.resolve("magnum"));
        }
        magnum = builder.build();
        return magnum;
    }

    /** The first build in a new JVM: one sample per fork. */
    @Benchmark
    @Fork(10)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, batchSize = 1)
    public Magnum cold()
    {
        return build();
    }

    /** A build after 50 others in the same JVM. */
    @Benchmark
    @Fork(2)
    @Warmup(iterations = 50, batchSize = 1)
    @Measurement(iterations = 30, batchSize = 1)
    public Magnum warm()
    {
        return build();
    }

    private static void deleteRecursively(Path root)
    {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
