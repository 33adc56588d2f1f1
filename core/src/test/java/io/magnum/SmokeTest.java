package io.magnum;

import io.magnum.local.LocalCloud;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest
{
    @Test
    void createsAndShowsTheSeedBayModel()
    {
        try (Magnum magnum = Magnum.builder().cloud(LocalCloud.create()).build()) {
            BayModel model = magnum.bayModels().create(BayModelSpec.builder().name("k8sbaymodel")
                    .imageId("fedora-21-atomic-5").keypairId("testkey").externalNetworkId("public")
                    .dnsNameserver("8.8.8.8").flavorId("m1.small").dockerVolumeSize(5).networkDriver("flannel")
                    .coe("kubernetes").build());
            assertThat(magnum.bayModels().get("k8sbaymodel")).isEqualTo(model);
            assertThat(model.clusterDistro()).isEqualTo("fedora-atomic");
            assertThat(magnum.magnumServices().list()).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo("up"));
        }
    }
}
