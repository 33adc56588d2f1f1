package io.magnum;

import io.magnum.model.Bay;
import io.magnum.model.BaySpec;
import io.magnum.model.PatchOperation;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.DriverKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;

/** Scaling down removes the nodes the driver calls empty first, as the seed's NOTE asks. */
class BayScaleDownTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theDriverChoosesWhichNodesGo()
    {
        AtomicReference<BayEndpoint> seen = new AtomicReference<>();
        LifecycleTest.TestDriver driver = new LifecycleTest.TestDriver("test_v1", new DriverKey("test", "vm", "ubuntu"),
                Set.of("none"))
        {
            @Override
            public List<String> removableNodes(BayModelView model, BayEndpoint endpoint, int count)
            {
                seen.set(endpoint);
                return List.of("0");
            }
        };
        try (Magnum magnum = Fixtures.builder().syncInterval(Duration.ofMillis(20)).driver(driver).build()) {
            magnum.bayModels().create(seedSpec().name("test").coe("test").imageId("ubuntu-mesos").networkDriver(null).build());
            Bay bay = magnum.bays().create(BaySpec.of("bay", "test", 3)).await(WAIT);
            assertThat(bay.nodeAddresses()).containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2");
            Bay down = magnum.bays().update("bay", PatchOperation.parse("replace", "node_count=2")).await(WAIT);
            assertThat(down.nodeAddresses()).as("node 0 was the empty one").containsExactly("10.0.0.1", "10.0.0.2");
            assertThat(seen.get().apiAddress()).isEqualTo(bay.apiAddress());
            assertThat(seen.get().tls()).as("TLS material of the bay's CA").get()
                    .satisfies(tls -> assertThat(tls.caPem()).isEqualTo(magnum.certificates().ca("bay").pem()));
        }
    }

    @Test
    void withoutTheDriversAnswerTheHighestNumberedGo()
    {
        LifecycleTest.TestDriver driver = new LifecycleTest.TestDriver("test_v1", new DriverKey("test", "vm", "ubuntu"),
                Set.of("none"));
        try (Magnum magnum = Fixtures.builder().syncInterval(Duration.ofMillis(20)).driver(driver).build()) {
            magnum.bayModels().create(seedSpec().name("test").coe("test").imageId("ubuntu-mesos").networkDriver(null).build());
            magnum.bays().create(BaySpec.of("bay", "test", 3)).await(WAIT);
            Bay down = magnum.bays().update("bay", PatchOperation.parse("replace", "node_count=1")).await(WAIT);
            assertThat(down.nodeAddresses()).containsExactly("10.0.0.0");
        }
    }
}
