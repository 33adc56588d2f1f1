package io.magnum.benchmarks;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.templates.HeatTemplates;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * LocalCloud's Heat engine at zero latency: a whole Kubernetes stack (1 master, {@code minions} minions, every
 * resource of the real template: network, router, security groups, load balancer, servers, ports, floating IPs,
 * volumes, wait conditions) created and deleted; and one list call over 10,000 stacks, as the status sync makes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class HeatBenchmark
{
    /** Minions in the Kubernetes stack. */
    @Param("100")
    public int minions;

    /** Stacks present for the list benchmark. */
    @Param("10000")
    public int stacks;

    private LocalCloud cloud;
    private Map<String, String> files;
    private final AtomicLong names = new AtomicLong();
    private List<String> ids;

    @Setup(Level.Trial)
    public void setUp()
    {
        cloud = LocalCloud.create();
        files = HeatTemplates.load("kubernetes");
        String small = """
                heat_template_version: 2015-04-30
                parameters:
                  index: {type: number}
                resources:
                  none: {type: OS::Heat::None}
                outputs:
                  index: {value: {get_param: index}}
                """;
        ids = new ArrayList<>();
        for (int i = 0; i < stacks; i++) {
            ids.add(cloud.stacks().create(new StackRequest("listed-" + i, small, Map.of(), Map.of("index", String.valueOf(i)),
                    null, 0)).id());
        }
        for (String id : ids) {
            await(id);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        cloud.close();
    }

    /** Create the Kubernetes stack, wait for CREATE_COMPLETE, delete it, wait until it is gone. */
    @Benchmark
    public Stack createAndDeleteKubernetes()
    {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ssh_key_name", "testkey");
        params.put("server_image", "fedora-21-atomic-5");
        params.put("external_network", "public");
        params.put("number_of_masters", "1");
        params.put("number_of_minions", String.valueOf(minions));
        params.put("docker_volume_size", "5");
        params.put("discovery_url", "https://discovery.etcd.io/bench");
        params.put("bay_uuid", "5d12f6fd-a196-4bf0-ae4c-1f639a523a52");
        params.put("magnum_url", "http://127.0.0.1:9511/v1");
        params.put("user_token", "token");
        params.put("username", "admin");
        params.put("tenant_name", "admin");
        params.put("auth_url", "http://127.0.0.1:5000/v3");
        Stack stack = cloud.stacks().create(new StackRequest("k8s-" + names.incrementAndGet(),
                files.get("kubecluster.yaml"), files, params, null, 0));
        Stack done = await(stack.id());
        if (!done.status().equals("CREATE_COMPLETE")) {
            throw new IllegalStateException(done.statusReason());
        }
        cloud.stacks().delete(stack.id());
        while (cloud.stacks().get(stack.id()).isPresent()) {
            LockSupport.parkNanos(100_000);
        }
        return done;
    }

    /** One list call for every stack id, as a status sweep makes it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Stack> listAll()
    {
        return cloud.stacks().list(ids);
    }

    private Stack await(String id)
    {
        while (true) {
            Stack stack = cloud.stacks().get(id).orElseThrow();
            if (!stack.inProgress()) {
                return stack;
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
