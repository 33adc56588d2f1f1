package io.magnum;

import io.magnum.model.MagnumService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conductor registers itself, heartbeats, and reads up or down by heartbeat age, as service-list does. */
class MagnumServicesTest
{
    @Test
    void theConductorRegistersAndGoesDownWithoutHeartbeats()
    {
        Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2016-03-18T10:00:00Z"));
        try (Magnum magnum = Fixtures.builder().clock(clock).host("conductor-1").serviceDownTime(Duration.ofSeconds(180)).build()) {
            MagnumService service = magnum.magnumServices().list().get(0);
            assertThat(service.host()).isEqualTo("conductor-1");
            assertThat(service.binary()).isEqualTo("magnum-conductor");
            assertThat(service.state()).isEqualTo("up");
            assertThat(service.reportCount()).isEqualTo(1);
            assertThat(service.lastSeenUp()).isEqualTo(Instant.parse("2016-03-18T10:00:00Z"));
            assertThat(service.createdAt()).isEqualTo(Instant.parse("2016-03-18T10:00:00Z"));
            assertThat(service.disabled()).isFalse();
            assertThat(service.forcedDown()).isFalse();
            assertThat(service.attributes()).containsKeys("id", "host", "binary", "state", "report_count",
                    "disabled", "disabled_reason", "last_seen_up", "forced_down", "created_at", "updated_at");

            clock.advance(Duration.ofSeconds(180));
            assertThat(magnum.magnumServices().list().get(0).state()).isEqualTo("up");
            clock.advance(Duration.ofSeconds(1));
            assertThat(magnum.magnumServices().list().get(0).state()).isEqualTo("down");
        }
    }

    @Test
    void heartbeatsCountReports() throws InterruptedException
    {
        try (Magnum magnum = Magnum.builder().cloud(io.magnum.local.LocalCloud.create())
                .heartbeatInterval(Duration.ofMillis(20)).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<MagnumService> services = magnum.magnumServices().list();
            while (services.get(0).reportCount() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                services = magnum.magnumServices().list();
            }
            assertThat(services).singleElement().satisfies(s -> {
                assertThat(s.reportCount()).isGreaterThanOrEqualTo(3);
                assertThat(s.updatedAt()).isNotNull();
                assertThat(s.state()).isEqualTo("up");
            });
        }
    }
}
