package io.magnum.engine.mesos;

import io.magnum.local.LocalCloud;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.StackContext;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackRequest;
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

    @Test
    void itsStackBuildsScalesAndMapsOutputsOnLocalCloud()
    {
        MesosDriver driver = new MesosDriver();
        BayModelView model = stackModel();
        StackContext context = new StackContext("http://127.0.0.1:9511/v1", "http://127.0.0.1:5000/v3", "token", "admin", "admin");
        try (LocalCloud cloud = LocalCloud.create()) {
            BayView bay = new BayView("5d12f6fd-a196-4bf0-ae4c-1f639a523a52", "bay", 2, 1, "https://discovery.etcd.io/x", "p");
            TemplateDefinition definition = driver.templateDefinition(model, bay, context);
            Stack stack = settle(cloud, cloud.stacks().create(new StackRequest("bay", definition.template(),
                    definition.files(), definition.parameters(), null, 60)).id());
            assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
            BayOutputs outputs = driver.outputs(model, stack.outputs());
            assertThat(outputs.apiAddress()).isPresent();
            assertThat(outputs.masterAddresses()).hasSize(1);
            assertThat(outputs.nodeAddresses()).hasSize(2).doesNotHaveDuplicates();

            Map<String, String> params = new java.util.HashMap<>(driver.templateDefinition(model,
                    new BayView(bay.uuid(), bay.name(), 3, 1, bay.discoveryUrl(), bay.projectId()), context).parameters());
            cloud.stacks().update(stack.id(), new StackRequest("bay", definition.template(), definition.files(), params, null, 60));
            Stack scaled = settle(cloud, stack.id());
            assertThat(scaled.status()).as(scaled.statusReason()).isEqualTo("UPDATE_COMPLETE");
            assertThat(driver.outputs(model, scaled.outputs()).nodeAddresses()).hasSize(3);
        }
    }

    @Test
    void aBayOnLocalCloudRunsContainersAsMarathonApps()
    {
        MesosDriver driver = new MesosDriver();
        BayModelView model = stackModel();
        StackContext context = new StackContext("http://127.0.0.1:9511/v1", "http://127.0.0.1:5000/v3", "token", "admin", "admin");
        try (LocalCloud cloud = LocalCloud.create()) {
            BayView bay = new BayView("8c3e2a7b-1f0d-4c55-9e2a-6d1b0c4f7a21", "mesos-bay", 1, 1, "https://discovery.etcd.io/x", "p");
            TemplateDefinition definition = driver.templateDefinition(model, bay, context);
            Stack stack = settle(cloud, cloud.stacks().create(new StackRequest("mesos-bay", definition.template(),
                    definition.files(), definition.parameters(), null, 60)).id());
            BayOutputs outputs = driver.outputs(model, stack.outputs());
            String stackAddress = outputs.apiAddress().orElseThrow();
            assertThat(stackAddress).as("Magnum's bare master address").doesNotContain(":");

            io.magnum.spi.cloud.CoeHosting hosting = cloud.coeHosting().orElseThrow();
            String apiAddress = hosting.host(new io.magnum.spi.cloud.CoeHosting.HostedBay(bay.uuid(), "mesos",
                    stackAddress, outputs.nodeAddresses(), Optional.empty()));
            assertThat(apiAddress).startsWith("http://127.0.0.1:");
            try (io.magnum.spi.coe.CoeConnection coe = driver.connect(model,
                    new io.magnum.spi.BayEndpoint(apiAddress, outputs.nodeAddresses(), Optional.empty()))) {
                assertThat(coe.health().status()).isEqualTo(io.magnum.spi.coe.BayHealth.Status.HEALTHY);
                io.magnum.spi.coe.ContainerEngine containers = coe.containers().orElseThrow();
                // with a Docker engine on this machine the stand-in runs it for real: an image the engine has
                containers.create(new io.magnum.spi.coe.ContainerSpec("5a0e", "redis", "local/busybox:latest",
                        Optional.of("sleep 3600"), Optional.of("256m"), Map.of()));
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                io.magnum.spi.coe.ContainerState state = containers.inspect("/redis");
                while (state.status() != io.magnum.spi.coe.ContainerStatus.RUNNING && System.nanoTime() < deadline) {
                    pause();
                    state = containers.inspect("/redis");
                }
                assertThat(state.status()).isEqualTo(io.magnum.spi.coe.ContainerStatus.RUNNING);
                assertThat(state.host()).hasValueSatisfying(h -> assertThat(outputs.nodeAddresses()).contains(h));
                containers.delete("/redis");
            }
            hosting.release(bay.uuid());
        }
    }

    private static void pause()
    {
        try {
            Thread.sleep(20);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static BayModelView stackModel()
    {
        return new BayModelView("mesos", "vm", "ubuntu", "ubuntu-mesos", "docker", Optional.of(5), false,
                Map.of(), "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    private static Stack settle(LocalCloud cloud, String id)
    {
        return cloud.heat().await(id, java.time.Duration.ofSeconds(30)).orElseThrow();
    }

    private static BayModelView model(Map<String, String> labels)
    {
        return BayModelView.of("mesos", "vm", "ubuntu", "image", "docker", Optional.empty(), false, labels);
    }
}
