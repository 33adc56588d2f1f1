package io.magnum.local;

import io.magnum.spi.cloud.Image;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCloudTest
{
    @Test
    void defaultsMatchTheWalkthrough()
    {
        LocalCloud cloud = LocalCloud.create();
        assertThat(cloud.findImage("fedora-21-atomic-5")).get()
                .extracting(Image::osDistro).isEqualTo(java.util.Optional.of("fedora-atomic"));
        assertThat(cloud.findFlavor("m1.small")).isPresent();
        assertThat(cloud.findKeypair("testkey")).isPresent();
        assertThat(cloud.findNetwork("public")).get().matches(network -> network.external());
        assertThat(cloud.findNetwork("private")).get().matches(network -> !network.external());
    }

    @Test
    void findsByIdAsWellAsByName()
    {
        LocalCloud cloud = LocalCloud.create();
        Image image = cloud.findImage("fedora-21-atomic-5").orElseThrow();
        assertThat(cloud.findImage(image.id())).contains(image);
        assertThat(cloud.findFlavor("2")).get().matches(flavor -> flavor.name().equals("m1.small"));
        String networkId = cloud.findNetwork("public").orElseThrow().id();
        assertThat(cloud.findNetwork(networkId)).isPresent();
    }

    @Test
    void idsAreStableAcrossInstances()
    {
        assertThat(LocalCloud.create().findImage("fedora-21-atomic-5").orElseThrow().id())
                .isEqualTo(LocalCloud.create().findImage("fedora-21-atomic-5").orElseThrow().id());
    }

    @Test
    void inventoryCanChange()
    {
        LocalCloud cloud = LocalCloud.create();
        cloud.addImage("plain", Map.of());
        assertThat(cloud.findImage("plain").orElseThrow().osDistro()).isEmpty();
        cloud.removeImage("plain");
        cloud.removeKeypair("testkey");
        assertThat(cloud.findImage("plain")).isEmpty();
        assertThat(cloud.findKeypair("testkey")).isEmpty();
        assertThat(cloud.findKeypair(null)).isEmpty();
        assertThat(LocalCloud.empty().images()).isEmpty();
    }
}
