package io.magnum.engine.kubernetes;

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

    @Test
    void itsStackBuildsScalesAndMapsOutputsOnLocalCloud()
    {
        KubernetesDriver driver = new KubernetesDriver();
        BayModelView model = new BayModelView("kubernetes", "vm", "fedora-atomic", "fedora-21-atomic-5", "flannel", Optional.of(5), false,
                Map.of(), "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
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

    private static Stack settle(LocalCloud cloud, String id)
    {
        return cloud.heat().await(id, java.time.Duration.ofSeconds(30)).orElseThrow();
    }

    private static BayModelView model(Map<String, String> labels)
    {
        return BayModelView.of("kubernetes", "vm", "fedora-atomic", "image", "flannel", Optional.empty(), false, labels);
    }
}
