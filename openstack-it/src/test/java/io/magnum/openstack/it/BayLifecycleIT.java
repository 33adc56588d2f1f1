package io.magnum.openstack.it;

import io.magnum.BayFailedException;
import io.magnum.BayOperation;
import io.magnum.Magnum;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.model.PatchOperation;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A bay's life on the real Heat, through the facade and a COE driver of the test suite ({@link ProbeDriver}): create,
 * status sync to CREATE_COMPLETE, outputs into the bay's fields, scale up and down through stack updates (a scale-down
 * removing the node the driver names), a failing resource giving CREATE_FAILED with the real Heat's reason, a create
 * timeout, delete. The same life runs on LocalCloud, and the two must agree on every status, output, resource and
 * event, and on the shape of every reason ({@link Shapes}): this keeps LocalCloud honest.
 */
@Tag("integration")
@Tag("openstack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BayLifecycleIT
{
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String PREFIX = RealOpenStack.prefix("bay");

    private static final Map<String, Transcript> TRANSCRIPTS = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern RACY_CANCEL =
            java.util.regex.Pattern.compile("(Resource [A-Z]+ failed: )?resources\\[\\d+\\]: Stack [A-Z]+ cancelled");

    /** What one cloud did, step by step, in shapes that can be compared. */
    record Transcript(String cloud, List<String> lines)
    {
        String text()
        {
            return String.join("\n", lines) + "\n";
        }
    }

    @AfterAll
    static void writeTranscripts() throws IOException
    {
        Path dir = Path.of("target");
        Files.createDirectories(dir);
        for (Transcript t : TRANSCRIPTS.values()) {
            Files.writeString(dir.resolve("bay-transcript-" + t.cloud() + ".txt"), t.text());
        }
    }

    @Test
    @Order(1)
    void onLocalCloud()
    {
        LocalCloud cloud = RealHeatCloud.withProbeImage(LocalCloud.create());
        // a "minute" of a stack timeout lasts 2 s here, so the timed-out bay does not take a real minute
        cloud.heat().minute(Duration.ofSeconds(2));
        TRANSCRIPTS.put("local", life("local", cloud));
    }

    @Test
    @Order(2)
    void onTheRealHeat()
    {
        TRANSCRIPTS.put("real", life("real", new RealHeatCloud(RealOpenStack.cloud())));
    }

    @Test
    @Order(3)
    void localCloudAndTheRealHeatAgree()
    {
        Transcript local = TRANSCRIPTS.get("local");
        Transcript real = TRANSCRIPTS.get("real");
        assertThat(local).as("LocalCloud's run (see above)").isNotNull();
        assertThat(real).as("the real Heat's run (see above)").isNotNull();
        assertThat(local.text()).as("target/bay-transcript-local.txt against target/bay-transcript-real.txt")
                .isEqualTo(real.text());
    }

    // ---------------------------------------------------------------- the life

    private static Transcript life(String which, Cloud cloud)
    {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> statuses = new ConcurrentHashMap<>();
        try (Magnum magnum = Magnum.builder().cloud(cloud).discoverDrivers(false).driver(new ProbeDriver())
                .heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(250)).build()) {
            magnum.bays().addListener(event -> statuses.computeIfAbsent(event.bay().name(), k -> new CopyOnWriteArrayList<>())
                    .add(event.deleted() ? "(gone)" : event.bay().status().name()));
            BayModelSpec probe = BayModelSpec.builder().name("probe").coe(ProbeDriver.COE).imageId("probe-image")
                    .keypairId("testkey").externalNetworkId("public").flavorId("m1.small").build();
            magnum.bayModels().create(probe);
            magnum.bayModels().create(probe.newBuilder().name("probe-broken").labels(Map.of("fail_node", "true")).build());
            magnum.bayModels().create(probe.newBuilder().name("probe-slow").labels(Map.of("node_wait_secs", "600")).build());

            // three bays at once: one to live a whole life, one whose node fails, one that times out (1 minute)
            String ok = PREFIX + "-ok";
            String broken = PREFIX + "-broken";
            String slow = PREFIX + "-slow";
            BayOperation okCreate = magnum.bays().create(BaySpec.of(ok, "probe", 2));
            BayOperation brokenCreate = magnum.bays().create(BaySpec.of(broken, "probe-broken", 1));
            BayOperation slowCreate = magnum.bays().create(new BaySpec(slow, "probe-slow", 1, 1, null, 1));
            assertThat(List.of(okCreate, brokenCreate, slowCreate)).allSatisfy(op ->
                    assertThat(op.accepted().status()).isEqualTo(BayStatus.CREATE_IN_PROGRESS));

            Bay created = okCreate.await(WAIT);
            assertThat(created.status()).isEqualTo(BayStatus.CREATE_COMPLETE);
            assertThat(created.statusReason()).isEqualTo("Stack CREATE completed successfully");
            assertThat(created.apiAddress()).isEqualTo("https://10.0.0.3:6443");
            assertThat(created.masterAddresses()).containsExactly("10.0.0.3");
            assertThat(created.nodeAddresses()).containsExactly("10.0.1.0", "10.0.1.1");
            assertThat(created.discoveryUrl()).matches("https://discovery\\.etcd\\.io/[0-9A-F]{32}");
            record(lines, "create " + ok, created, cloud);

            Bay failed = catchThrowableOfType(BayFailedException.class, () -> brokenCreate.await(WAIT)).bay();
            assertThat(failed.status()).isEqualTo(BayStatus.CREATE_FAILED);
            assertThat(failed.statusReason()).isEqualTo("Resource CREATE failed: ValueError: "
                    + "resources.nodes.resources[0].resources.node: Test Resource failed node");
            record(lines, "create " + broken, failed, cloud);

            Bay up = magnum.bays().update(ok, PatchOperation.replace("node_count", 3)).await(WAIT);
            assertThat(up.status()).isEqualTo(BayStatus.UPDATE_COMPLETE);
            assertThat(up.nodeAddresses()).containsExactly("10.0.1.0", "10.0.1.1", "10.0.1.2");
            record(lines, "scale " + ok + " to 3", up, cloud);

            // the driver names the first node to go; the stack removes it and then the highest-numbered one
            Bay down = magnum.bays().update(ok, PatchOperation.replace("node_count", 1)).await(WAIT);
            assertThat(down.status()).isEqualTo(BayStatus.UPDATE_COMPLETE);
            assertThat(down.nodeCount()).isEqualTo(1);
            assertThat(down.nodeAddresses()).containsExactly("10.0.1.1");
            record(lines, "scale " + ok + " to 1", down, cloud);

            Bay again = magnum.bays().update(ok, PatchOperation.replace("node_count", 2)).await(WAIT);
            assertThat(again.nodeAddresses()).as("the node the driver named is not used again; the others are")
                    .containsExactly("10.0.1.1", "10.0.1.2");
            record(lines, "scale " + ok + " to 2", again, cloud);

            Bay timedOut = catchThrowableOfType(BayFailedException.class, () -> slowCreate.await(WAIT)).bay();
            assertThat(timedOut.status()).isEqualTo(BayStatus.CREATE_FAILED);
            assertThat(timedOut.statusReason()).isEqualTo("Timed out");
            record(lines, "create " + slow, timedOut, cloud);

            for (Bay bay : List.of(again, failed, timedOut)) {
                magnum.bays().delete(bay.name()).await(WAIT);
                assertThat(magnum.bays().find(bay.name())).isEmpty();
                assertThat(cloud.stacks().get(bay.stackId())).as("stack of %s", bay.name()).isEmpty();
                assertThat(cloud.stacks().list(List.of(bay.stackId()))).isEmpty();
            }
            assertThatThrownBy(() -> magnum.bays().get(ok)).isInstanceOf(io.magnum.NotFoundException.class);
            new TreeMap<>(statuses).forEach((name, seen) -> lines.add("statuses " + Shapes.of(name, PREFIX) + ": " + seen));
        }
        finally {
            cloud.close();
        }
        lines.forEach(line -> org.slf4j.LoggerFactory.getLogger(BayLifecycleIT.class).info("{}: {}", which, line));
        return new Transcript(which, lines);
    }

    /** What a step left: the bay's fields, and its stack's outputs, resources and events, as shapes. */
    private static void record(List<String> lines, String step, Bay bay, Cloud cloud)
    {
        String stackName = cloud.stacks().get(bay.stackId()).map(Stack::name).orElse("");
        lines.add("== " + Shapes.of(step, PREFIX));
        lines.add("bay " + bay.status() + " | " + Shapes.of(bay.statusReason(), stackName) + " | node_count "
                + bay.nodeCount() + " | api " + bay.apiAddress() + " | masters " + bay.masterAddresses() + " | nodes "
                + bay.nodeAddresses() + " | discovery " + Shapes.of(bay.discoveryUrl(), stackName));
        Stack stack = cloud.stacks().get(bay.stackId()).orElseThrow();
        lines.add("stack " + stack.status() + " | " + Shapes.of(stack.statusReason(), stackName));
        new TreeMap<>(stack.outputs()).forEach((k, v) -> lines.add("output " + k + " = " + Shapes.of(v, stackName)));
        cloud.stacks().resources(bay.stackId()).stream()
                .sorted(java.util.Comparator.comparing(StackResource::name))
                .forEach(r -> lines.add("resource " + r.name() + " " + r.type() + " " + r.status() + " | "
                        + Shapes.of(r.statusReason(), stackName) + " | required by " + r.requiredBy()
                        + (r.nestedStackId() == null ? "" : " | nested")));
        List<String> events = new ArrayList<>();
        for (StackEvent e : cloud.stacks().events(bay.stackId())) {
            String reason = Shapes.of(e.statusReason(), stackName);
            if (RACY_CANCEL.matcher(reason).matches()) {
                // when a timeout cancels nested stacks, the real Heat sometimes also fails the resource of a
                // cancelled nested stack (and so its stack), sometimes not, depending on timing: left out
                continue;
            }
            events.add("event " + Shapes.of(e.resourceName(), stackName) + " " + e.status() + " | " + reason);
        }
        events.sort(null);
        lines.addAll(events);
    }
}
