package io.magnum.engine.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Pods, services and replication controllers of one bay, in namespace {@code default}, through a fabric8 client.
 * Every call is one or two HTTP requests to the bay's API (a replace reads the object's resourceVersion first);
 * nothing is cached. Thread-safe, as the fabric8 client is.
 */
final class KubernetesObjects implements ManifestObjects
{
    /** A Kubernetes object name (a DNS subdomain); anything else cannot name an object, and never reaches a URL. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern UID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final Manifests manifests;

    KubernetesObjects(KubernetesClient client, KubernetesSerialization serialization, Manifests manifests)
    {
        this.client = requireNonNull(client, "client is null");
        this.serialization = requireNonNull(serialization, "serialization is null");
        this.manifests = requireNonNull(manifests, "manifests is null");
    }

    @Override
    public CoeObject create(ObjectKind kind, Manifest manifest)
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(manifest, "manifest is null");
        ObjectNode json = manifests.object(kind, manifest);
        String name = json.path("metadata").path("name").asText("");
        if (name.isEmpty() && json.path("metadata").path("generateName").asText("").isEmpty()) {
            throw Manifests.invalid("the manifest has no metadata.name: name the " + kind.manifestKind());
        }
        checkName(name.isEmpty() ? "x" : name);
        HasMetadata object = convert(kind, json);
        return call("create " + noun(kind) + " " + name, () -> CoeObjects.of(kind,
                operation(kind).resource(object).create(), serialization));
    }

    @Override
    public List<CoeObject> list(ObjectKind kind)
    {
        requireNonNull(kind, "kind is null");
        return call("list " + noun(kind) + "s", () -> operation(kind).list().getItems().stream()
                .map(o -> CoeObjects.of(kind, o, serialization)).toList());
    }

    @Override
    public Optional<CoeObject> get(ObjectKind kind, String name)
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        return call("show " + noun(kind) + " " + name, () -> {
            if (NAME.matcher(name).matches()) {
                HasMetadata found = operation(kind).withName(name).get();
                if (found != null) {
                    return Optional.of(CoeObjects.of(kind, found, serialization));
                }
            }
            if (UID.matcher(name).matches()) {
                String uid = name.toLowerCase(Locale.ROOT);
                return operation(kind).list().getItems().stream()
                        .filter(o -> o.getMetadata() != null && uid.equals(o.getMetadata().getUid()))
                        .findFirst().map(o -> CoeObjects.of(kind, o, serialization));
            }
            return Optional.empty();
        });
    }

    @Override
    public CoeObject replace(ObjectKind kind, String name, Manifest manifest)
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(manifest, "manifest is null");
        ObjectNode json = manifests.object(kind, manifest);
        ObjectNode metadata = json.has("metadata") && json.get("metadata").isObject()
                ? (ObjectNode) json.get("metadata") : json.putObject("metadata");
        String named = metadata.path("name").asText("");
        if (named.isEmpty()) {
            metadata.put("name", name);
        }
        else if (!named.equals(name)) {
            throw Manifests.invalid("the manifest names " + named + ", but the " + noun(kind) + " to update is "
                    + name + " (an update cannot rename)");
        }
        String what = "update " + noun(kind) + " " + name;
        requireKnownName(kind, name, what);
        HasMetadata object = convert(kind, json);
        return call(what, () -> CoeObjects.of(kind, operation(kind).resource(object).update(), serialization));
    }

    @Override
    public CoeObject patch(ObjectKind kind, String name, Manifest patch)
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(patch, "patch is null");
        ObjectNode json = manifests.patch(kind, patch);
        String renamed = json.path("metadata").path("name").asText(name);
        if (!renamed.equals(name)) {
            throw Manifests.invalid("the patch renames " + name + " to " + renamed + ": a patch cannot rename");
        }
        String what = "patch " + noun(kind) + " " + name;
        requireKnownName(kind, name, what);
        String body = json.toString();
        return call(what, () -> CoeObjects.of(kind,
                operation(kind).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), body), serialization));
    }

    @Override
    public boolean delete(ObjectKind kind, String name)
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            return false;
        }
        return call("delete " + noun(kind) + " " + name,
                () -> !operation(kind).withName(name).delete().isEmpty());
    }

    private void requireKnownName(ObjectKind kind, String name, String what)
    {
        if (!NAME.matcher(name).matches()) {
            throw new CoeException(CoeException.Reason.NOT_FOUND, what + ": not found (" + name
                    + " is not a Kubernetes name)");
        }
    }

    private static void checkName(String name)
    {
        if (!NAME.matcher(name).matches()) {
            throw Manifests.invalid("metadata.name " + name + " is not a valid Kubernetes name: lower case letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
        }
    }

    private HasMetadata convert(ObjectKind kind, ObjectNode json)
    {
        try {
            return serialization.convertValue(json, type(kind));
        }
        catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause instanceof com.fasterxml.jackson.core.JacksonException j
                    ? j.getOriginalMessage() : cause.getMessage();
            throw Manifests.invalid("the manifest is not a valid " + kind.manifestKind() + ": " + message);
        }
    }

    private NonNamespaceOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> operation(
            ObjectKind kind)
    {
        @SuppressWarnings("unchecked")
        Class<HasMetadata> type = (Class<HasMetadata>) type(kind);
        return client.resources(type).inNamespace(KubernetesClients.NAMESPACE);
    }

    private static Class<? extends HasMetadata> type(ObjectKind kind)
    {
        return switch (kind) {
            case POD -> Pod.class;
            case SERVICE -> Service.class;
            case REPLICATION_CONTROLLER -> ReplicationController.class;
        };
    }

    static String noun(ObjectKind kind)
    {
        return switch (kind) {
            case POD -> "pod";
            case SERVICE -> "service";
            case REPLICATION_CONTROLLER -> "replication controller";
        };
    }

    /** Runs a fabric8 call; nothing fabric8 throws gets out. */
    static <T> T call(String what, Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (CoeException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw Failures.translate(e, what);
        }
    }
}
