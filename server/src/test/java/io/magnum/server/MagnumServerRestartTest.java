package io.magnum.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.local.LocalCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart of the server resumes what the last run left in progress. The cloud outlives the server here, as
 * OpenStack does (LocalCloud itself lives in the server's process).
 */
class MagnumServerRestartTest
{
    @Test
    void aRestartResumesABayInProgress(@TempDir Path dataDir) throws Exception
    {
        try (LocalCloud cloud = LocalCloud.create()) {
            // slow enough that the create is still running when the first server stops
            cloud.heat().defaultLatency(Duration.ofMillis(400));
            ServerOptions options = new ServerOptions("127.0.0.1", 0, dataDir, false, Map.of());
            String uuid;
            try (MagnumServer first = MagnumServer.start(options, cloud, false)) {
                assertThat(Http.send("POST", uri(first, "/v1/clustertemplates"), Http.TEMPLATE).status())
                        .isEqualTo(201);
                Http.Response accepted = Http.send("POST", uri(first, "/v1/clusters"),
                        "{\"name\": \"resumed\", \"cluster_template_id\": \"k8s\"}");
                assertThat(accepted.status()).isEqualTo(202);
                uuid = accepted.json().path("uuid").asText();
                Http.await(uri(first, "/v1/clusters/" + uuid), c -> !c.path("stack_id").isNull(),
                        Duration.ofSeconds(30));
                assertThat(Http.send("GET", uri(first, "/v1/clusters/" + uuid), null).json().path("status").asText())
                        .isEqualTo("CREATE_IN_PROGRESS");
            }
            assertThat(Files.exists(dataDir.resolve("magnum.mv.db"))).isTrue();

            try (MagnumServer second = MagnumServer.start(options, cloud, false)) {
                JsonNode done = Http.await(uri(second, "/v1/clusters/" + uuid),
                        c -> c.path("status").asText().equals("CREATE_COMPLETE"), Duration.ofSeconds(90));
                assertThat(done.path("api_address").asText()).startsWith("https://");
                assertThat(Http.send("GET", uri(second, "/v1/clustertemplates/k8s"), null).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aBaysNodesAreToldTheAddressTheApiReallyListensOn(@TempDir Path dataDir) throws Exception
    {
        try (LocalCloud cloud = LocalCloud.create();
             MagnumServer server = MagnumServer.start(new ServerOptions("127.0.0.1", 0, dataDir, false, Map.of()), cloud,
                     false)) {
            assertThat(server.uri().getPort()).isNotEqualTo(9511);
            Http.send("POST", uri(server, "/v1/clustertemplates"), Http.TEMPLATE);
            String uuid = Http.send("POST", uri(server, "/v1/clusters"),
                    "{\"name\": \"told\", \"cluster_template_id\": \"k8s\"}").json().path("uuid").asText();
            JsonNode done = Http.await(uri(server, "/v1/clusters/" + uuid),
                    c -> c.path("status").asText().equals("CREATE_COMPLETE"), Duration.ofSeconds(60));
            assertThat(cloud.stacks().get(done.path("stack_id").asText()).orElseThrow().parameters())
                    .containsEntry("magnum_url", server.uri() + "/v1");
        }
    }

    @Test
    void closeIsIdempotentAndStopsServing(@TempDir Path dataDir)
    {
        MagnumServer server = MagnumServer.start(new ServerOptions("127.0.0.1", 0, dataDir, false, Map.of()));
        URI root = uri(server, "/");
        assertThat(Http.send("GET", root, null).status()).isEqualTo(200);
        server.close();
        server.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("magnum-api-"));
    }

    private static URI uri(MagnumServer server, String path)
    {
        return URI.create(server.uri() + path);
    }
}
