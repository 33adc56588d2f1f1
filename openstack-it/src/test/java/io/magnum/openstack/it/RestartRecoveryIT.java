package io.magnum.openstack.it;

import io.magnum.Magnum;
import io.magnum.core.MagnumView;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart recovery against the real Heat: the facade is closed (or crashes) while bays are being created, a new one
 * starts on the same database (and a new connection to the cloud), the bays complete, and each has exactly one stack,
 * as Heat itself lists them.
 */
@Tag("integration")
@Tag("openstack")
class RestartRecoveryIT
{
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String PREFIX = RealOpenStack.prefix("restart");

    private static HeatRest heat;

    @TempDir
    Path dir;

    @BeforeAll
    static void login()
    {
        heat = HeatRest.login(RealOpenStack.environment());
    }

    @AfterAll
    static void nothingLeftBehind()
    {
        assertThat(heat.liveStacks(PREFIX)).as("stacks left by %s", PREFIX).isEmpty();
    }

    private Magnum start(Path db)
    {
        return Magnum.builder().cloud(new RealHeatCloud(RealOpenStack.cloud())).database(db).host("openstack-it")
                .discoverDrivers(false).driver(new ProbeDriver())
                .heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(500)).build();
    }

    private static void probeModel(Magnum magnum)
    {
        // each node takes 8 s to come up, so a create is still running when the facade goes
        magnum.bayModels().create(BayModelSpec.builder().name("probe").coe(ProbeDriver.COE).imageId("probe-image")
                .keypairId("testkey").externalNetworkId("public").flavorId("m1.small")
                .labels(Map.of("node_wait_secs", "8")).build());
    }

    @Test
    void closedWhileCreatingTheBaysCompleteAfterTheNextStartWithOneStackEach()
    {
        Path db = dir.resolve("magnum");
        String reached = PREFIX + "-reached";
        String maybe = PREFIX + "-maybe";
        try (Magnum first = start(db)) {
            probeModel(first);
            first.bays().create(BaySpec.of(reached, "probe", 1));
            awaitStack(first, reached);
            first.bays().create(BaySpec.of(maybe, "probe", 1));
            // closed at once: the second create may or may not have reached Heat
        }
        assertThat(heat.liveStacks(reached)).as("the first bay's stack is being built").hasSize(1);

        try (Magnum second = start(db)) {
            for (String name : List.of(reached, maybe)) {
                Bay bay = second.bays().awaitStable(name, WAIT);
                assertThat(bay.status()).as(name).isEqualTo(BayStatus.CREATE_COMPLETE);
                assertThat(bay.nodeAddresses()).containsExactly("10.0.1.0");
                assertThat(heat.liveStacks(name + "-")).as("Heat's stacks of %s", name).containsExactly(bay.stackId());
            }
            deleteAll(second, reached, maybe);
        }
    }

    @Test
    void crashedWhileCreatingTheBayCompletesAfterTheNextStartWithOneStack()
    {
        Path db = dir.resolve("magnum");
        String crashed = PREFIX + "-crashed";
        Magnum first = start(db);
        probeModel(first);
        first.bays().create(BaySpec.of(crashed, "probe", 1));
        // a crash: the conductor's threads stop wherever they are, before or after asking Heat for the stack
        ((MagnumView) first).runtime().abandon();

        try (Magnum second = start(db)) {
            Bay bay = second.bays().awaitStable(crashed, WAIT);
            assertThat(bay.status()).isEqualTo(BayStatus.CREATE_COMPLETE);
            assertThat(heat.liveStacks(crashed + "-")).as("Heat's stacks of the bay").containsExactly(bay.stackId());
            deleteAll(second, crashed);
        }
    }

    private static void awaitStack(Magnum magnum, String name)
    {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (magnum.bays().get(name).stackId() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bay " + name + " has no stack after " + WAIT);
            }
            RealOpenStack.sleep(Duration.ofMillis(100));
        }
        assertThat(magnum.bays().get(name).status()).as("still being created").isEqualTo(BayStatus.CREATE_IN_PROGRESS);
    }

    private static void deleteAll(Magnum magnum, String... names)
    {
        List<io.magnum.BayOperation> deletes = java.util.Arrays.stream(names).map(magnum.bays()::delete).toList();
        deletes.forEach(delete -> delete.await(WAIT));
        for (String name : names) {
            assertThat(magnum.bays().find(name)).isEmpty();
            assertThat(heat.liveStacks(name + "-")).isEmpty();
        }
    }
}
