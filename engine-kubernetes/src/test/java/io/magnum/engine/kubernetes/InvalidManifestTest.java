package io.magnum.engine.kubernetes;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.magnum.spi.coe.ObjectKind.POD;
import static io.magnum.spi.coe.ObjectKind.REPLICATION_CONTROLLER;
import static io.magnum.spi.coe.ObjectKind.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every way a manifest can be wrong is {@code INVALID} on field {@code manifest}, with a message saying how. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidManifestTest
{
    private final LocalKubernetes local = new LocalKubernetes();
    private ManifestObjects objects;

    @BeforeAll
    void bay()
    {
        objects = local.connect(LocalKubernetes.TLS_MODEL, local.tlsBay()).manifests().orElseThrow();
    }

    @AfterAll
    void close()
    {
        local.close();
    }

    static Stream<Arguments> invalidManifests()
    {
        return Stream.of(
                arguments("YAML that does not parse", POD, "kind: Pod\nmetadata: {name: [x\n", "not valid YAML"),
                arguments("YAML with a tab indent", POD, "kind: Pod\nmetadata:\n\tname: x\n", "not valid YAML"),
                arguments("JSON that does not parse", POD, "{\"kind\": \"Pod\", ", "not valid JSON"),
                arguments("JSON with trailing garbage", POD, "{\"kind\": \"Pod\"} x", "not valid JSON"),
                arguments("JSON with a duplicate key", POD, "{\"kind\": \"Pod\", \"kind\": \"Service\"}",
                        "not valid JSON"),
                arguments("an empty manifest", POD, "", "is empty"),
                arguments("a blank manifest", POD, "  \n ", "is empty"),
                arguments("YAML with only a comment", POD, "# nothing\n", "is empty"),
                arguments("a YAML list", POD, "- kind: Pod\n", "must be a mapping"),
                arguments("a YAML string", POD, "just words", "must be a mapping"),
                arguments("a YAML number", POD, "42", "must be a mapping"),
                arguments("two YAML documents", POD,
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\n",
                        "more than one YAML document"),
                arguments("no kind", POD, "apiVersion: v1\nmetadata: {name: a}\n", "has no kind"),
                arguments("no kind (JSON)", SERVICE, "{\"apiVersion\": \"v1\", \"metadata\": {\"name\": \"a\"}}",
                        "has no kind"),
                arguments("a kind that is not a string", POD, "apiVersion: v1\nkind: [Pod]\nmetadata: {name: a}\n",
                        "must be a string"),
                arguments("a Service to pod-create", POD, "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n",
                        "describes a Service, not a Pod"),
                arguments("a Pod to coe-service-create", SERVICE, "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
                        "describes a Pod, not a Service"),
                arguments("a Pod to rc-create", REPLICATION_CONTROLLER,
                        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}",
                        "describes a Pod, not a ReplicationController"),
                arguments("a kind in the wrong case", POD, "apiVersion: v1\nkind: pod\nmetadata: {name: a}\n",
                        "describes a pod, not a Pod"),
                arguments("a Deployment", REPLICATION_CONTROLLER,
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n",
                        "describes a Deployment, not a ReplicationController"),
                arguments("no apiVersion", POD, "kind: Pod\nmetadata: {name: a}\n", "has no apiVersion"),
                arguments("apiVersion v1beta3", POD, "apiVersion: v1beta3\nkind: Pod\nmetadata: {name: a}\n",
                        "apiVersion v1beta3 is not accepted for a Pod"),
                arguments("apiVersion extensions/v1beta1", REPLICATION_CONTROLLER,
                        "apiVersion: extensions/v1beta1\nkind: ReplicationController\nmetadata: {name: a}\n",
                        "apiVersion extensions/v1beta1 is not accepted"),
                arguments("apiVersion a number", SERVICE, "apiVersion: 1\nkind: Service\nmetadata: {name: a}\n",
                        "apiVersion 1 is not accepted"),
                arguments("no name", POD, "apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n",
                        "has no metadata.name"),
                arguments("no metadata", SERVICE, "apiVersion: v1\nkind: Service\nspec: {}\n",
                        "has no metadata.name"),
                arguments("metadata not a mapping", POD, "apiVersion: v1\nkind: Pod\nmetadata: [a]\n",
                        "metadata must be a mapping"),
                arguments("a name Kubernetes refuses", POD, "apiVersion: v1\nkind: Pod\nmetadata: {name: Web_1}\n",
                        "not a valid Kubernetes name"),
                arguments("another namespace", POD,
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: kube-system}\n",
                        "objects live in namespace default"),
                arguments("a field of the wrong type", REPLICATION_CONTROLLER,
                        "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: a}\nspec: {replicas: many}\n",
                        "not a valid ReplicationController"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void createRefuses(String what, ObjectKind kind, String manifest, String message)
    {
        assertThatThrownBy(() -> objects.create(kind, Manifest.of(manifest)))
                .isInstanceOfSatisfying(CoeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.field()).contains("manifest");
                    assertThat(e.getMessage()).contains(message);
                });
        assertThat(objects.list(kind)).isEmpty();
    }

    @Test
    void replaceChecksTheManifestAndItsName()
    {
        objects.create(POD, Manifest.of("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n"
                + "spec: {containers: [{name: c, image: nginx}]}\n"));
        assertInvalid(() -> objects.replace(POD, "web", Manifest.of("apiVersion: v1\nkind: Service\n"
                + "metadata: {name: web}\n")), "describes a Service, not a Pod");
        assertInvalid(() -> objects.replace(POD, "web", Manifest.of("apiVersion: v2\nkind: Pod\n")),
                "apiVersion v2 is not accepted");
        assertInvalid(() -> objects.replace(POD, "web", Manifest.of("apiVersion: v1\nkind: Pod\n"
                + "metadata: {name: other}\n")), "an update cannot rename");
        assertInvalid(() -> objects.replace(POD, "web", Manifest.of("{not json")), "not valid JSON");
    }

    @Test
    void patchChecksThePatch()
    {
        objects.create(SERVICE, Manifest.of("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                + "spec: {ports: [{port: 80}]}\n"));
        assertInvalid(() -> objects.patch(SERVICE, "web", Manifest.of("{\"kind\": \"Pod\"}")),
                "changes kind to Pod");
        assertInvalid(() -> objects.patch(SERVICE, "web", Manifest.of("apiVersion: v2\n")),
                "apiVersion v2 is not accepted");
        assertInvalid(() -> objects.patch(SERVICE, "web", Manifest.of("{\"metadata\": {\"name\": \"x\"}}")),
                "a patch cannot rename");
        assertInvalid(() -> objects.patch(SERVICE, "web", Manifest.of("[{\"op\": \"remove\"}]")),
                "must be a mapping");
        assertInvalid(() -> objects.patch(SERVICE, "web", Manifest.of("spec: [")), "not valid YAML");
        assertInvalid(() -> objects.patch(SERVICE, "web", Manifest.of("")), "is empty");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(CoeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID);
            assertThat(e.field()).contains("manifest");
            assertThat(e.getMessage()).contains(message);
        });
    }
}
