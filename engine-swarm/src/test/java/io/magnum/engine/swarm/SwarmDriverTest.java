package io.magnum.engine.swarm;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class SwarmDriverTest
{
    @Test
    void isFoundByServiceLoader()
    {
        assertThat(ServiceLoader.load(CoeDriver.class).stream().map(ServiceLoader.Provider::type))
                .contains(SwarmDriver.class);
    }

    @Test
    void describesWhatItProvides()
    {
        SwarmDriver driver = new SwarmDriver();
        assertThat(driver.provides()).containsExactly(new DriverKey("swarm", "vm", "fedora-atomic"));
        assertThat(driver.networkDrivers()).contains(driver.defaultNetworkDriver());
        assertThat(driver.defaultNetworkDriver()).isEqualTo("docker");
        assertThat(driver.spiVersion()).isEqualTo(CoeDriver.SPI_VERSION);
    }

    @Test
    void validatesItsLabels()
    {
        SwarmDriver driver = new SwarmDriver();
        assertThat(driver.validate(model(Map.of("flannel_use_vxlan", "true")))).isEmpty();
        assertThat(driver.validate(model(Map.of("flannel_use_vxlan", "maybe"))))
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("labels"));
    }

    private static BayModelView model(Map<String, String> labels)
    {
        return new BayModelView("swarm", "vm", "fedora-atomic", "image", "docker", Optional.empty(), false, labels);
    }
}
