package io.magnum.api.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest
{
    @Test
    void labelsInEveryFormClientsSend() throws Exception
    {
        // python-magnumclient: str() of a dict; JSON; the CLI's pairs; an object with scalar values
        assertThat(Values.labels("{'kube_tag': 'v1.1', 'flannel_backend': \"vxlan\"}"))
                .containsExactly(Map.entry("kube_tag", "v1.1"), Map.entry("flannel_backend", "vxlan"));
        assertThat(Values.labels("{\"a\": \"b\", \"n\": 3, \"t\": True}"))
                .containsExactly(Map.entry("a", "b"), Map.entry("n", "3"), Map.entry("t", "true"));
        assertThat(Values.labels("a=b,c=d")).containsExactly(Map.entry("a", "b"), Map.entry("c", "d"));
        assertThat(Values.labels("{}")).isEmpty();
        assertThat(Values.labels("  ")).isEmpty();
        assertThat(Values.labels("{'quote': 'it\\'s'}")).containsEntry("quote", "it's");
        assertThat(Values.labels(new ObjectMapper().readTree("{\"a\": 1, \"b\": false}")))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "false"));
    }

    @Test
    void badLabelsSayWhere()
    {
        assertThatThrownBy(() -> Values.labels("{'a': }")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> Values.labels("{'a': 'b'")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> Values.labels("{'a': 'b'} x")).hasMessageContaining("after '}'");
        assertThatThrownBy(() -> Values.labels("{'a': [1]}")).hasMessageContaining("is not a string");
        assertThatThrownBy(() -> Values.labels("novalue")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> Values.labels(new ObjectMapper().readTree("{\"a\": {\"b\": 1}}")))
                .hasMessageContaining("Label a");
    }

    @Test
    void timestampsAndBooleansAsMagnumWritesAndReadsThem()
    {
        assertThat(Values.timestamp(Instant.parse("2015-09-22T20:02:39.123456Z"))).isEqualTo("2015-09-22T20:02:39+00:00");
        assertThat(Values.timestamp(null)).isNull();
        assertThat(Values.bool("True")).isTrue();
        assertThat(Values.bool("off")).isFalse();
        assertThat(Values.bool("maybe")).isNull();
    }

    @Test
    void versionHeaders()
    {
        assertThat(ApiVersion.fromHeader(null)).isEqualTo(ApiVersion.MIN);
        assertThat(ApiVersion.fromHeader("container-infra latest")).isEqualTo(ApiVersion.MAX);
        assertThat(ApiVersion.fromHeader("container-infra 1.3")).isEqualTo(new ApiVersion(1, 3));
        assertThat(new ApiVersion(1, 10).compareTo(new ApiVersion(1, 9))).isPositive();
        for (String bad : new String[]{"container-infra", "container-infra 1", "container-infra 2.1",
                "container-infra 1.7", "compute 1.1", "container-infra 1.x"}) {
            assertThatThrownBy(() -> ApiVersion.fromHeader(bad)).isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).status()).isEqualTo(406);
        }
    }

    @Test
    void routesPreferLiteralSegments()
    {
        Router router = new Router();
        router.get("/v1/clusters/{ident}", (request, path) -> ApiResponse.ok("one " + path.get("ident")))
                .get("/v1/clusters/detail", (request, path) -> ApiResponse.ok("detail"))
                .put("/v1/containers/{ident}/start", (request, path) -> ApiResponse.ok("start"));
        assertThat(router.match("GET", java.util.List.of("v1", "clusters", "detail")).handler()
                .handle(null, Map.of()).body()).isEqualTo("detail");
        assertThat(router.match("GET", java.util.List.of("v1", "clusters", "k8s")).path()).containsEntry("ident", "k8s");
        assertThat(router.match("PUT", java.util.List.of("v1", "containers", "c1", "start")).path())
                .containsEntry("ident", "c1");
        assertThatThrownBy(() -> router.match("DELETE", java.util.List.of("v1", "clusters", "k8s")))
                .extracting(e -> ((ApiException) e).status()).isEqualTo(405);
        assertThatThrownBy(() -> router.match("GET", java.util.List.of("v1", "pods")))
                .extracting(e -> ((ApiException) e).status()).isEqualTo(404);
    }

    @Test
    void errorTitlesAreTheFirstSentence()
    {
        Map<String, Object> body = ErrorBody.of(400, "Invalid input for field/attribute k8s.v1. Value: 'x'.", "req-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((java.util.List<Map<String, Object>>) body.get("errors")).get(0);
        assertThat(error).containsEntry("title", "Invalid input for field/attribute k8s.v1").containsEntry("code",
                "client").containsEntry("status", 400).containsEntry("request_id", "req-1");
    }
}
