package io.magnum;

import io.magnum.core.MagnumView;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.spi.DriverKey;
import io.magnum.spi.cloud.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;

/** Bays survive a crash: the next start picks them up from their stacks, never losing or doubling one. */
class BayRecoveryTest
{
    @TempDir
    Path dir;

    @Test
    void aHundredBaysInFlightSurviveACrash()
    {
        LocalCloud cloud = LocalCloud.create();
        cloud.heat().defaultLatency(Duration.ofMillis(30));
        Path db = dir.resolve("magnum");
        Magnum first = Magnum.builder().cloud(cloud).closeCloud(false).database(db).host("conductor-1")
                .heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(50)).conductorThreads(2)
                .maxBaysPerProject(100).build();
        first.bayModels().create(seedSpec().build());
        for (int i = 0; i < 100; i++) {
            first.bays().create(BaySpec.of("bay" + i, "k8sbaymodel", 1));
        }
        // crash: threads stop mid-work, nothing is finished or cleaned
        ((MagnumView) first).runtime().abandon();
        long stacksAtCrash = cloud.stacks().list().size();

        try (Magnum second = Magnum.builder().cloud(cloud).database(db).host("conductor-1")
                .heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(50)).build()) {
            List<Bay> bays = second.bays().list();
            assertThat(bays).hasSize(100);
            for (Bay bay : bays) {
                assertThat(second.bays().awaitStable(bay.uuid(), Duration.ofSeconds(120)).status())
                        .isEqualTo(BayStatus.CREATE_COMPLETE);
            }
            List<Stack> stacks = cloud.stacks().list();
            assertThat(stacks).as("exactly one stack per bay (%d existed at the crash)", stacksAtCrash).hasSize(100);
            Map<String, Bay> byStack = second.bays().list().stream().collect(Collectors.toMap(Bay::stackId, Function.identity()));
            assertThat(byStack.keySet()).containsExactlyInAnyOrderElementsOf(stacks.stream().map(Stack::id).toList());
        }
    }

    @Test
    void eachSweepMakesOneListCallWhateverTheNumberOfBays()
    {
        LocalCloud cloud = LocalCloud.create();
        cloud.heat().hangResource("nodes");
        try (Magnum magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1)).maxBaysPerProject(1000)
                .syncInterval(Duration.ofHours(1)).driver(new LifecycleTest.TestDriver("test_v1",
                        new DriverKey("test", "vm", "ubuntu"), Set.of("none"))).build()) {
            magnum.bayModels().create(seedSpec().coe("test").imageId("ubuntu-mesos").networkDriver(null).build());
            for (int i = 0; i < 1000; i++) {
                magnum.bays().create(BaySpec.of("bay" + i, "k8sbaymodel", 1));
            }
            var runtime = ((MagnumView) magnum).runtime();
            // the conductor is still making stacks (a CA and a client certificate per bay cost most of it):
            // a sweep asks about every stack known so far, in one call
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (cloud.stacks().list().size() < 50 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(magnum.bays().list()).hasSize(1000).allMatch(b -> b.status() == BayStatus.CREATE_IN_PROGRESS);
            for (int sweep = 0; sweep < 3; sweep++) {
                long before = cloud.heat().calls("list");
                runtime.sync().sweep();
                assertThat(cloud.heat().calls("list") - before).isEqualTo(1);
            }
        }
    }
}
