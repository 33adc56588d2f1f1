package io.magnum.core.cloud.openstack;

import io.magnum.core.cloud.openstack.FakeOpenStack.Request;
import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.CloudException;
import io.magnum.spi.cloud.Flavor;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Keypair;
import io.magnum.spi.cloud.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Glance images, Nova flavors and keypairs, Neutron networks, against recorded responses. */
class OpenStackInventoryTest
{
    private static final String FEDORA_ID = "5e3f1c2a-9b7d-4c6e-8a0f-2d4b6c8e0a13";
    private static final String UBUNTU_ID = "8a0c2e4f-6b8d-4f0a-9c2e-4f6a8c0e2b35";
    private static final String PUBLIC_ID = "1f3b5d7e-9a0c-4e2f-8b4d-6f8a0c2e4b61";
    private static final String PRIVATE_ID = "3b5d7f9a-1c2e-4a4b-8d6f-8b0c2e4a6d83";
    private static final String MISSING_ID = "00000000-1111-4222-8333-444444444444";

    private final FakeOpenStack fake = FakeOpenStack.start();
    private OpenStackCloud cloud;

    @BeforeEach
    void connect()
    {
        cloud = fake.cloud().build();
    }

    @AfterEach
    void stop()
    {
        cloud.close();
        fake.close();
    }

    @Test
    void imagesAreFoundByNameWithTheirProperties()
    {
        Image image = cloud.findImage("fedora-21-atomic-5").orElseThrow();

        assertThat(image.id()).isEqualTo(FEDORA_ID);
        assertThat(image.osDistro()).contains("fedora-atomic");
        assertThat(image.properties()).containsEntry("hw_rng_model", "virtio").containsEntry("os_hidden", "false");
        Request request = fake.requests(r -> r.path().startsWith("/image/")).get(0);
        assertThat(request.path()).isEqualTo("/image/v2/images");
        assertThat(request.query()).containsEntry("name", "fedora-21-atomic-5");
    }

    @Test
    void imagesAreFoundById()
    {
        Image image = cloud.findImage(UBUNTU_ID).orElseThrow();

        assertThat(image.name()).isEqualTo("ubuntu-mesos");
        assertThat(image.osDistro()).contains("ubuntu");
        assertThat(image.properties()).containsEntry("os_version", "14.04").containsEntry("architecture", "x86_64");
        assertThat(fake.requests(r -> r.path().startsWith("/image/"))).extracting(Request::path)
                .containsExactly("/image/v2/images/" + UBUNTU_ID);
    }

    @Test
    void aMissingImageIsEmpty()
    {
        assertThat(cloud.findImage("no-such-image")).isEmpty();
        assertThat(cloud.findImage(MISSING_ID)).isEmpty();
    }

    @Test
    void anImageWithoutOsDistroHasNone()
    {
        assertThat(cloud.findImage("cirros-0.6.2-x86_64-disk").orElseThrow().osDistro()).isEmpty();
    }

    @Test
    void allImagesArePagedThrough()
    {
        assertThat(cloud.images()).extracting(Image::name)
                .containsExactly("fedora-21-atomic-5", "ubuntu-mesos", "cirros-0.6.2-x86_64-disk");
        assertThat(fake.requests(r -> r.path().startsWith("/image/")).get(0).query())
                .containsEntry("limit", String.valueOf(OpenStackInventory.IMAGE_PAGE_SIZE));
    }

    @Test
    void flavorsAreFoundByNameAndById()
    {
        Flavor small = cloud.findFlavor("m1.small").orElseThrow();
        assertThat(small).isEqualTo(new Flavor("2", "m1.small", 1, 2048, 20));
        assertThat(cloud.findFlavor("3").orElseThrow().name()).isEqualTo("m1.medium");
        assertThat(cloud.findFlavor("7f6a2c1e-5b3d-4e8f-9a0b-1c2d3e4f5a6b").orElseThrow())
                .isEqualTo(new Flavor("7f6a2c1e-5b3d-4e8f-9a0b-1c2d3e4f5a6b", "k8s.master", 4, 8192, 80));
        assertThat(cloud.findFlavor("m1.xlarge")).isEmpty();
        assertThat(cloud.flavors()).hasSize(4);
        assertThat(fake.requests(r -> r.path().startsWith("/compute/"))).extracting(Request::path)
                .containsOnly("/compute/v2.1/flavors/detail");
    }

    @Test
    void keypairsAreFoundByName()
    {
        Keypair keypair = cloud.findKeypair("testkey").orElseThrow();

        assertThat(keypair.publicKey()).startsWith("ssh-rsa AAAAB3NzaC1yc2E");
        assertThat(keypair.fingerprint()).isEqualTo("7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd");
        assertThat(cloud.findKeypair("nobody")).isEmpty();
        assertThat(cloud.keypairs()).extracting(Keypair::name).containsExactly("testkey", "ops");
    }

    @Test
    void networksAreFoundByNameAndByIdWithTheExternalFlag()
    {
        Network external = cloud.findNetwork("public").orElseThrow();
        assertThat(external).isEqualTo(new Network(PUBLIC_ID, "public", true));
        assertThat(cloud.findNetwork(PRIVATE_ID).orElseThrow()).isEqualTo(new Network(PRIVATE_ID, "private", false));
        assertThat(cloud.findNetwork("nowhere")).isEmpty();
        assertThat(cloud.findNetwork(MISSING_ID)).isEmpty();
        assertThat(cloud.networks()).extracting(Network::external).containsExactly(true, false);
        assertThat(fake.requests(r -> r.path().startsWith("/networking/")).get(0).query()).containsEntry("name", "public");
    }

    @Test
    void aServiceErrorIsACloudException()
    {
        fake.respond("GET", "/compute/v2.1/flavors/detail", 503, "{\"computeFault\": {\"code\": 503, \"message\": \"Service Unavailable\"}}");
        assertThatThrownBy(() -> cloud.findFlavor("m1.small"))
                .isInstanceOf(CloudException.class)
                .hasMessageStartingWith("Nova answered 503");
    }
}
