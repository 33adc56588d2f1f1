package io.magnum.benchmarks;

import io.magnum.BayOperation;
import io.magnum.Magnum;
import io.magnum.core.MagnumView;
import io.magnum.core.store.BayStore;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.spi.cloud.StackRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The conductor on zero-latency LocalCloud with the real Kubernetes driver and template: (a) one bay from
 * {@code create} to CREATE_COMPLETE (percentiles from JMH's sample mode), (b) 1,000 bays in flight at once until
 * all are CREATE_COMPLETE, (c) one status-sync sweep over 10,000 bays in progress.
 */
@Fork(1)
public class BayBenchmark
{
    static final BayModelSpec MODEL = BayModelSpec.builder().name("k8sbaymodel").coe("kubernetes")
            .imageId("fedora-21-atomic-5").keypairId("testkey").externalNetworkId("public").flavorId("m1.small")
            .dockerVolumeSize(5).networkDriver("flannel").build();

    /** One instance, polled by its status sync every 5 ms. */
    @State(Scope.Benchmark)
    public static class Conductor
    {
        Magnum magnum;
        final AtomicLong names = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp()
        {
            magnum = Magnum.builder().cloud(LocalCloud.create()).syncInterval(Duration.ofMillis(5))
                    .maxBaysPerProject(Integer.MAX_VALUE).build();
            magnum.bayModels().create(MODEL);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            magnum.close();
        }
    }

    /** (a) One bay, create to CREATE_COMPLETE: a CA and a client certificate, the definition, the stack, the sync. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public Bay createOne(Conductor state)
    {
        return state.magnum.bays().create(BaySpec.of("bay" + state.names.incrementAndGet(), "k8sbaymodel", 1))
                .await(Duration.ofMinutes(1));
    }

    /** A separate instance for the 1,000-bay run: its sync sweeps every 250 ms, as a sweep covers all 1,000. */
    @State(Scope.Benchmark)
    public static class Fleet
    {
        Magnum magnum;
        final AtomicLong names = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp()
        {
            magnum = Magnum.builder().cloud(LocalCloud.create()).syncInterval(Duration.ofMillis(250))
                    .maxBaysPerProject(Integer.MAX_VALUE).build();
            magnum.bayModels().create(MODEL);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            magnum.close();
        }
    }

    /** (b) 1,000 bays created at once, until every one is CREATE_COMPLETE. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 2)
    public int thousandInFlight(Fleet state)
    {
        List<BayOperation> operations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            operations.add(state.magnum.bays().create(BaySpec.of("flight" + state.names.incrementAndGet(), "k8sbaymodel", 1)));
        }
        int complete = 0;
        for (BayOperation operation : operations) {
            if (operation.await(Duration.ofMinutes(30)).status() == BayStatus.CREATE_COMPLETE) {
                complete++;
            }
        }
        return complete;
    }

    /** 10,000 bays in progress, each with a stack that never finishes; the sync is driven by hand. */
    @State(Scope.Benchmark)
    public static class Sweep
    {
        Magnum magnum;
        LocalCloud cloud;

        @Setup(Level.Trial)
        public void setUp()
        {
            cloud = LocalCloud.create();
            cloud.heat().hangResource("forever");
            magnum = Magnum.builder().cloud(cloud).syncInterval(Duration.ofHours(1)).maxBaysPerProject(Integer.MAX_VALUE)
                    .build();
            BayModel model = magnum.bayModels().create(MODEL);
            var runtime = ((MagnumView) magnum).runtime();
            BayStore bays = new BayStore(runtime.database());
            String template = """
                    heat_template_version: 2015-04-30
                    resources:
                      handle: {type: OS::Heat::WaitConditionHandle}
                      forever: {type: OS::Heat::WaitCondition, properties: {handle: {get_resource: handle}, timeout: 600}}
                    """;
            for (int i = 0; i < 10_000; i++) {
                String uuid = UUID.randomUUID().toString();
                String stack = cloud.stacks().create(new StackRequest("s" + i, template, Map.of(), Map.of(), null, 0)).id();
                bays.insert(new Bay(uuid, "bay" + i, "default", "admin", model.uuid(), stack, BayStatus.CREATE_IN_PROGRESS,
                        "Bay create requested", 1, 1, "https://discovery.etcd.io/x", null, List.of(), List.of(), 0,
                        Instant.now(), null));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            magnum.close();
        }
    }

    /** (c) One sweep: the bays in progress from the database, one list call, each bay compared with its stack. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long sweepTenThousand(Sweep state)
    {
        ((MagnumView) state.magnum).runtime().sync().sweep();
        return state.cloud.heat().calls("list");
    }

}
