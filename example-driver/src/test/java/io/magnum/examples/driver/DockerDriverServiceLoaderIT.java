package io.magnum.examples.driver;

import io.magnum.spi.CoeDriver;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ServiceLoader finds the driver in this module's jar (failsafe runs this after {@code package}, with the jar on the
 * class path instead of target/classes), and to be found and describe its bays the jar needs nothing but the SPI
 * beside it (its containers need engine-swarm's Docker client, loaded only when a bay is connected).
 */
class DockerDriverServiceLoaderIT
{
    @Test
    void isFoundInItsJar()
    {
        URL location = DockerDriver.class.getProtectionDomain().getCodeSource().getLocation();
        assertThat(location.getPath()).as("where DockerDriver was loaded from").endsWith(".jar");
        assertThat(ServiceLoader.load(CoeDriver.class).stream().map(ServiceLoader.Provider::type).map(Class::getName))
                .contains(DockerDriver.class.getName());
    }

    @Test
    void itsJarAndTheSpiAloneAreEnough()
            throws Exception
    {
        URL driverJar = DockerDriver.class.getProtectionDomain().getCodeSource().getLocation();
        URL spi = CoeDriver.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {driverJar, spi},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> spiType = loader.loadClass(CoeDriver.class.getName());
            Object driver = ServiceLoader.load(spiType, loader).findFirst().orElseThrow(() -> new AssertionError(
                    "no CoeDriver in " + driverJar));
            assertThat(driver.getClass().getName()).isEqualTo(DockerDriver.class.getName());
            assertThat(spiType.getMethod("name").invoke(driver)).isEqualTo("docker_fedora_atomic_v1");
            assertThat(spiType.getMethod("provides").invoke(driver).toString()).contains("vm/fedora-atomic/docker");
        }
    }
}
