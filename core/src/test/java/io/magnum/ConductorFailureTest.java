package io.magnum;

import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayView;
import io.magnum.spi.DriverKey;
import io.magnum.spi.StackContext;
import io.magnum.spi.TemplateDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A conductor job that breaks never leaves its bay in progress with nobody working on it. */
class ConductorFailureTest
{
    @Test
    void aBrokenDriverFailsTheBayInsteadOfHangingIt()
    {
        LifecycleTest.TestDriver broken = new LifecycleTest.TestDriver("broken_v1", new DriverKey("broken", "vm", "ubuntu"),
                Set.of("none"))
        {
            @Override
            public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
            {
                throw new IllegalStateException("driver bug");
            }
        };
        try (Magnum magnum = Fixtures.builder().syncInterval(Duration.ofMillis(20)).driver(broken).build()) {
            magnum.bayModels().create(seedSpec().name("b").coe("broken").imageId("ubuntu-mesos").networkDriver(null).build());
            BayOperation op = magnum.bays().create(BaySpec.of("bay", "b", 1));
            assertThatThrownBy(() -> op.await(Duration.ofSeconds(30))).isInstanceOf(BayFailedException.class)
                    .satisfies(e -> {
                        assertThat(((BayFailedException) e).bay().status()).isEqualTo(BayStatus.CREATE_FAILED);
                        assertThat(((BayFailedException) e).bay().statusReason())
                                .isEqualTo("Internal error in the conductor: IllegalStateException: driver bug");
                    });
            magnum.bays().delete("bay").await(Duration.ofSeconds(30));
            assertThat(magnum.bays().list()).isEmpty();
        }
    }
}
