package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ApiFixture.seedTemplate;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateApiTest
{
    private static ApiFixture api;
    private static String uuid;

    @BeforeAll
    static void start()
    {
        api = new ApiFixture();
        api.post("/v1/clustertemplates", json(seedTemplate("k8s")));
        uuid = api.post("/v1/clusters", json(Map.of("name", "certs", "cluster_template_id", "k8s"))).json()
                .path("uuid").asText();
        api.await("/v1/clusters/" + uuid, c -> c.path("status").asText().equals("CREATE_COMPLETE"),
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void showsTheCaByUuidOrName()
    {
        JsonNode ca = api.get("/v1/certificates/" + uuid).json();
        assertThat(ca.path("cluster_uuid").asText()).isEqualTo(uuid);
        assertThat(ca.path("bay_uuid").asText()).isEqualTo(uuid);
        assertThat(ca.path("pem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(ca.path("links").get(0).path("href").asText()).isEqualTo(api.url("/v1/certificates/" + uuid));
        assertThat(api.get("/v1/certificates/certs").json().path("pem").asText()).isEqualTo(ca.path("pem").asText());
        assertThat(api.get("/v1/certificates/no-such-bay").status()).isEqualTo(404);
    }

    @Test
    void signsACsrNamedByClusterUuidOrBayUuid() throws Exception
    {
        ApiFixture.Response signed = api.post("/v1/certificates",
                json(Map.of("cluster_uuid", uuid, "csr", Csrs.csr("CN=admin"))));
        assertThat(signed.status()).isEqualTo(201);
        assertThat(signed.json().path("csr").asText()).contains("CERTIFICATE REQUEST");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(signed.json().path("pem").asText().getBytes(StandardCharsets.US_ASCII)));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=admin");

        // the seed's clients (and openstack4j) name the bay by bay_uuid, and by name works too
        assertThat(api.post("/v1/certificates", json(Map.of("bay_uuid", "certs", "csr", Csrs.csr("CN=bob"))))
                .status()).isEqualTo(201);
    }

    @Test
    void refusesBadSigningRequests()
    {
        ApiFixture.Response unknown = api.post("/v1/certificates",
                json(Map.of("cluster_uuid", "no-such-bay", "csr", Csrs.csr("CN=admin"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("no-such-bay could not be found");
        ApiFixture.Response garbage = api.post("/v1/certificates", json(Map.of("cluster_uuid", uuid, "csr", "junk")));
        assertThat(garbage.status()).isEqualTo(400);
        ApiFixture.Response noCsr = api.post("/v1/certificates", json(Map.of("cluster_uuid", uuid)));
        assertThat(noCsr.status()).isEqualTo(400);
        assertThat(noCsr.detail()).contains("csr").contains("Mandatory field missing");
        ApiFixture.Response noCluster = api.post("/v1/certificates", json(Map.of("csr", Csrs.csr("CN=x"))));
        assertThat(noCluster.status()).isEqualTo(400);
        assertThat(noCluster.detail()).contains("cluster_uuid");
    }

    @Test
    void rotatesTheCa()
    {
        String before = api.get("/v1/certificates/" + uuid).json().path("pem").asText();
        ApiFixture.Response rotated = api.patch("/v1/certificates/" + uuid, null);
        assertThat(rotated.status()).isEqualTo(202);
        assertThat(rotated.json().path("uuid").asText()).isEqualTo(uuid);
        assertThat(api.get("/v1/certificates/" + uuid).json().path("pem").asText()).isNotEqualTo(before);
    }
}
