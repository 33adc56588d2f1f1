package io.magnum.benchmarks;

import io.magnum.Magnum;
import io.magnum.local.LocalCloud;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the baymodel calls on the embedded default: {@link LocalCloud} and an in-memory H2 database, one
 * {@link Magnum} per trial (that is, per benchmark method and fork).
 *
 * <p>Each trial starts with {@code stored} baymodels (default 1000; {@code -p stored=10000} for more), so {@code get}
 * reads from a table of realistic size and {@code create} does not start from an empty one.
 *
 * <p>{@link #create} stores a baymodel of a new name each call and never deletes it: the table grows by every call
 * of every warmup and measurement iteration (at the rates measured here, some 100 000 rows per trial). That is
 * accepted: it is what a create-heavy workload does, the duplicate-name check uses the unique (project_id, name)
 * index so it does not slow down as the table grows, and an in-memory H2 table of that size fits the default heap.
 * The {@code get} benchmarks never create, so their table stays at {@code stored} rows. Deleting inside the
 * measured call would measure a create-and-delete pair instead.
 *
 * <p>The instance's conductor heartbeat (every 10 s by default) runs in the background, as it does in an
 * application; one small write every 10 s is negligible next to thousands of calls a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// 10 warmup seconds, not 3: on 2 cores the JIT needs some 8 to 10 s before create and get stop speeding up
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class BayModelBenchmark
{
    /** How many baymodels each trial starts with. */
    @Param("1000")
    public int stored;

    /** The walkthrough's kubernetes baymodel, valid against {@link LocalCloud#create()}; the name is set per call. */
    static final BayModelSpec TEMPLATE = BayModelSpec.builder()
            .coe("kubernetes").imageId("fedora-21-atomic-5").keypairId("testkey").externalNetworkId("public")
            .dnsNameserver("8.8.8.8").flavorId("m1.small").dockerVolumeSize(5).networkDriver("flannel")
            .build();

    Magnum magnum;
    String[] names;
    String[] uuids;
    /** Shared by every thread, so that {@code -t 2} still creates unique names. */
    final AtomicLong created = new AtomicLong();

    @Setup(Level.Trial)
    public void start()
    {
        magnum = Magnum.builder().cloud(LocalCloud.create()).build();
        names = new String[stored];
        uuids = new String[stored];
        for (int i = 0; i < stored; i++) {
            BayModel model = magnum.bayModels().create(TEMPLATE.newBuilder().name("stored-" + i).build());
            names[i] = model.name();
            uuids[i] = model.uuid();
        }
    }

    @TearDown(Level.Trial)
    public void stop()
    {
        magnum.close();
    }

    /** Where each thread is in the stored baymodels, so that successive {@code get}s read different rows. */
    @State(Scope.Thread)
    public static class Cursor
    {
        int next;

        int advance(int size)
        {
            int index = next;
            next = index + 1 >= size ? 0 : index + 1;
            return index;
        }
    }

    /** {@code baymodel-create} with a name never used before: every rule is checked, then one row is inserted. */
    @Benchmark
    public BayModel create()
    {
        return magnum.bayModels().create(TEMPLATE.newBuilder().name("bench-" + created.getAndIncrement()).build());
    }

    /**
     * {@code baymodel-show NAME}. Note: there is no index on the name alone (the unique index is on
     * (project_id, name), and the lookup's visibility condition, nothing for an admin or "project or public" for
     * anyone else, cannot use it), so H2 scans the table: this one slows down as {@code stored} grows, unlike
     * {@link #getByUuid}, which uses the uuid's unique index.
     */
    @Benchmark
    public BayModel getByName(Cursor cursor)
    {
        return magnum.bayModels().get(names[cursor.advance(names.length)]);
    }

    /** {@code baymodel-show UUID}. */
    @Benchmark
    public BayModel getByUuid(Cursor cursor)
    {
        return magnum.bayModels().get(uuids[cursor.advance(uuids.length)]);
    }
}
