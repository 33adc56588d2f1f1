package io.magnum;

import io.magnum.engine.kubernetes.KubernetesDriver;
import io.magnum.local.LocalCloud;
import io.magnum.model.BayModel;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.StackContext;
import io.magnum.spi.StackParameters;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.cloud.Cloud;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Building, closing, and which drivers an instance has. */
class LifecycleTest
{
    @Test
    void closeIsIdempotentAndEndsEveryCall()
    {
        Magnum magnum = Fixtures.builder().build();
        Magnum view = magnum.as(Fixtures.PROJECT_A);
        magnum.close();
        magnum.close();
        assertThatThrownBy(() -> magnum.bayModels().list()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Magnum is closed");
        assertThatThrownBy(() -> view.bayModels().get("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> magnum.magnumServices().list()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_B)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noThreadOutlivesClose()
    {
        for (int i = 0; i < 3; i++) {
            Fixtures.builder().build().close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("magnum-") && t.isAlive());
    }

    @Test
    void theCloudIsClosedUnlessTheCallerKeepsIt()
    {
        Cloud owned = spy(LocalCloud.create());
        Magnum.builder().cloud(owned).build().close();
        verify(owned, times(1)).close();

        Cloud kept = spy(LocalCloud.create());
        Magnum.builder().cloud(kept).closeCloud(false).build().close();
        verify(kept, never()).close();
    }

    @Test
    void aCloudIsRequired()
    {
        assertThatThrownBy(() -> Magnum.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no cloud");
        assertThatThrownBy(() -> Magnum.builder().heartbeatInterval(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("heartbeatInterval must be positive");
        assertThatThrownBy(() -> Magnum.builder().database("postgres://x", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoDriversForOneKeyFailTheBuildNamingBoth()
    {
        CoeDriver clash = new TestDriver("k8s_other_v1", new DriverKey("kubernetes", "vm", "fedora-atomic"), Set.of("flannel"));
        assertThatThrownBy(() -> Fixtures.builder().driver(clash).build())
                .isInstanceOf(MagnumException.class)
                .hasMessageContaining(KubernetesDriver.class.getName())
                .hasMessageContaining(TestDriver.class.getName())
                .hasMessageContaining("both provide vm/fedora-atomic/kubernetes");
    }

    @Test
    void aDisabledDriverMakesRoomForAnother()
    {
        CoeDriver calico = new TestDriver("k8s_calico_v1", new DriverKey("kubernetes", "vm", "fedora-atomic"), Set.of("calico"));
        try (Magnum magnum = Fixtures.builder().disableDriver("k8s_fedora_atomic_v1").driver(calico).build()) {
            BayModel model = magnum.bayModels().create(seedSpec().networkDriver(null).build());
            assertThat(model.networkDriver()).isEqualTo("calico");
        }
    }

    @Test
    void aDriverOfItsOwnCoeIsUsable()
    {
        CoeDriver docker = new TestDriver("docker_ubuntu_v1", new DriverKey("docker", "vm", "ubuntu"), Set.of("bridge"));
        try (Magnum magnum = Fixtures.builder().discoverDrivers(false).driver(docker).build()) {
            assertThat(magnum.bayModels().create(seedSpec().coe("docker").imageId("ubuntu-mesos").networkDriver(null).build())
                    .networkDriver()).isEqualTo("bridge");
            assertThatThrownBy(() -> magnum.bayModels().create(seedSpec().name("k8s").build()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("coe 'kubernetes' is not supported; loaded drivers provide [docker]");
        }
    }

    @Test
    void aDriverForANewerSpiIsRefused()
    {
        CoeDriver future = new TestDriver("future_v1", new DriverKey("future", "vm", "ubuntu"), Set.of("x")) {
            @Override
            public String spiVersion()
            {
                return "2.0";
            }
        };
        assertThatThrownBy(() -> Fixtures.builder().driver(future).build()).isInstanceOf(MagnumException.class)
                .hasMessage("driver future_v1 was written for SPI version 2.0; this magnum4j implements version 1");
    }

    @Test
    void driversAreClosedWithTheInstance()
    {
        CoeDriver driver = spy(new TestDriver("docker_ubuntu_v1", new DriverKey("docker", "vm", "ubuntu"), Set.of("bridge")));
        Fixtures.builder().driver(driver).build().close();
        verify(driver, times(1)).close();
    }

    @Test
    void aMockedFacadeIsPossible()
    {
        Magnum magnum = mock(Magnum.class);
        assertThat(magnum.bayModels()).isNull();
    }

    static class TestDriver implements CoeDriver
    {
        private final String name;
        private final DriverKey key;
        private final Set<String> networks;

        TestDriver(String name, DriverKey key, Set<String> networks)
        {
            this.name = name;
            this.key = key;
            this.networks = networks;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public Set<DriverKey> provides()
        {
            return Set.of(key);
        }

        @Override
        public Set<String> networkDrivers()
        {
            return networks;
        }

        @Override
        public String defaultNetworkDriver()
        {
            return networks.iterator().next();
        }

        /** Groups of test resources standing for masters and nodes, with addresses from their index. */
        @Override
        public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
        {
            String template = """
                    heat_template_version: 2015-04-30
                    parameters:
                      node_count: {type: number}
                      master_count: {type: number}
                      nodes_to_remove: {type: comma_delimited_list, default: []}
                    resources:
                      masters:
                        type: OS::Heat::ResourceGroup
                        properties:
                          count: {get_param: master_count}
                          resource_def: {type: OS::Heat::TestResource, properties: {value: "10.0.1.%index%"}}
                      nodes:
                        type: OS::Heat::ResourceGroup
                        properties:
                          count: {get_param: node_count}
                          removal_policies: [{resource_list: {get_param: nodes_to_remove}}]
                          resource_def: {type: OS::Heat::TestResource, properties: {value: "10.0.0.%index%"}}
                    outputs:
                      api_address: {value: {get_attr: [masters, resource.0.output]}}
                      masters: {value: {get_attr: [masters, output]}}
                      nodes: {value: {get_attr: [nodes, output]}}
                    """;
            return new TemplateDefinition(template, Map.of(), Map.of("node_count", String.valueOf(bay.nodeCount()),
                    "master_count", String.valueOf(bay.masterCount())));
        }

        @Override
        public Map<String, String> removalParameters(BayModelView model, java.util.List<String> nodes)
        {
            return Map.of("nodes_to_remove", String.join(",", nodes));
        }

        @Override
        public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
        {
            return new BayOutputs(StackParameters.text(outputs, "api_address").map(ip -> "https://" + ip + ":443"),
                    StackParameters.addresses(outputs, "masters"), StackParameters.addresses(outputs, "nodes"),
                    Optional.empty());
        }
    }
}
