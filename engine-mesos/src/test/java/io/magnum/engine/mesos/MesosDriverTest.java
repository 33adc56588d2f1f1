package io.magnum.engine.mesos;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class MesosDriverTest
{
    @Test
    void isFoundByServiceLoader()
    {
        assertThat(ServiceLoader.load(CoeDriver.class).stream().map(ServiceLoader.Provider::type))
                .contains(MesosDriver.class);
    }

    @Test
    void describesWhatItProvides()
    {
        MesosDriver driver = new MesosDriver();
        assertThat(driver.provides()).containsExactly(new DriverKey("mesos", "vm", "ubuntu"));
        assertThat(driver.networkDrivers()).contains(driver.defaultNetworkDriver());
        assertThat(driver.defaultNetworkDriver()).isEqualTo("docker");
        assertThat(driver.spiVersion()).isEqualTo(CoeDriver.SPI_VERSION);
    }

    @Test
    void validatesItsLabels()
    {
        MesosDriver driver = new MesosDriver();
        assertThat(driver.validate(model(Map.of("rexray_preempt", "true")))).isEmpty();
        assertThat(driver.validate(model(Map.of("rexray_preempt", "maybe"))))
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("labels"));
    }

    private static BayModelView model(Map<String, String> labels)
    {
        return new BayModelView("mesos", "vm", "ubuntu", "image", "docker", Optional.empty(), false, labels);
    }
}
