package io.magnum.engine.kubernetes;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesDriverTest
{
    @Test
    void isFoundByServiceLoader()
    {
        assertThat(ServiceLoader.load(CoeDriver.class).stream().map(ServiceLoader.Provider::type))
                .contains(KubernetesDriver.class);
    }

    @Test
    void describesWhatItProvides()
    {
        KubernetesDriver driver = new KubernetesDriver();
        assertThat(driver.provides()).containsExactly(new DriverKey("kubernetes", "vm", "fedora-atomic"));
        assertThat(driver.networkDrivers()).contains(driver.defaultNetworkDriver());
        assertThat(driver.defaultNetworkDriver()).isEqualTo("flannel");
        assertThat(driver.spiVersion()).isEqualTo(CoeDriver.SPI_VERSION);
    }

    @Test
    void validatesItsLabels()
    {
        KubernetesDriver driver = new KubernetesDriver();
        assertThat(driver.validate(model(Map.of("flannel_use_vxlan", "true")))).isEmpty();
        assertThat(driver.validate(model(Map.of("flannel_use_vxlan", "maybe"))))
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("labels"));
    }

    private static BayModelView model(Map<String, String> labels)
    {
        return new BayModelView("kubernetes", "vm", "fedora-atomic", "image", "flannel", Optional.empty(), false, labels);
    }
}
