package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.local.tck.LocalDockerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every container verb of Magnum 2.0's {@code /v1/containers} on a Swarm bay, over HTTP, against the real Docker
 * engine behind LocalCloud's per-bay TLS front ({@code tools/docker-up.sh --swarm}; the image
 * {@code local/busybox:latest} is never pulled). Without an engine it is skipped, loudly.
 */
@Tag("docker")
class SwarmContainerApiIT
{
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static ApiFixture api;
    private static Bay swarmbay;

    @BeforeAll
    static void swarmBay()
    {
        LocalDockerEngine.assumeRunningWithImage("SwarmContainerApiIT");
        api = new ApiFixture();
        api.magnum.bayModels().create(BayModelSpec.builder().name("swarmbaymodel").imageId("fedora-21-atomic-5")
                .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.small")
                .networkDriver("docker").coe("swarm").build());
        swarmbay = api.magnum.bays().create(BaySpec.of("swarmbay", "swarmbaymodel", 1)).await(WAIT);
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    private static JsonNode verb(String container, String verb, String status)
    {
        ApiFixture.Response response = api.put("/v1/containers/" + container + "/" + verb, null);
        assertThat(response.status()).as(verb + ": " + response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).as(verb).isEqualTo(status);
        return response.json();
    }

    @Test
    void everyContainerVerbOverHttp()
    {
        Map<String, Object> body = ContainerApiTest.container("test", LocalDockerEngine.IMAGE, swarmbay.uuid());
        body.put("command", "sh -c \"trap 'exit 0' TERM; echo started; while true; do sleep 1; done\"");
        body.put("memory", "64m");
        body.put("environment", Map.of("GREETING", "hello"));
        ApiFixture.Response created = api.post("/v1/containers", json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("Stopped");
        String uuid = created.json().path("uuid").asText();

        verb("test", "start", "Running");
        ApiFixture.Response executed = api.put("/v1/containers/test/execute?command="
                + URLEncoder.encode("sh -c 'echo $GREETING'", StandardCharsets.UTF_8), null);
        assertThat(executed.status()).as(executed.body()).isEqualTo(200);
        assertThat(executed.json().path("output").asText()).contains("hello");
        verb("test", "pause", "Paused");
        assertThat(api.get("/v1/containers/test").json().path("status").asText()).isEqualTo("Paused");
        verb(uuid, "unpause", "Running");
        verb("test", "reboot", "Running");
        ApiFixture.Response logs = api.get("/v1/containers/test/logs");
        assertThat(logs.status()).as(logs.body()).isEqualTo(200);
        assertThat(logs.json().path("output").asText()).contains("started");
        verb("test", "stop", "Stopped");
        ApiFixture.Response paused = api.put("/v1/containers/test/pause", null);
        assertThat(paused.status()).as("pausing a stopped container: " + paused.body()).isEqualTo(409);

        assertThat(api.get("/v1/containers?bay_ident=swarmbay").json().path("containers"))
                .extracting(c -> c.path("status").asText()).containsExactly("Stopped");
        ApiFixture.Response noImage = api.post("/v1/containers",
                json(ContainerApiTest.container("nope", "no/such-image:1", swarmbay.uuid())));
        assertThat(noImage.status()).as(noImage.body()).isEqualTo(400);
        assertThat(noImage.detail()).contains("image");

        assertThat(api.delete("/v1/containers/test").status()).isEqualTo(204);
        assertThat(api.get("/v1/containers/test").status()).isEqualTo(404);
    }
}
