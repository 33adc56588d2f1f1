package io.magnum.local.coe.kubernetes;

import java.net.HttpURLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

import static java.util.Objects.requireNonNull;

/**
 * What Kubernetes' replication manager and garbage collector do for replication controllers, for one bay's local
 * Kubernetes API; {@link LocalKubernetesDispatcher} runs it synchronously, before it answers the request that called
 * for it, so a client that creates a controller and then lists pods sees its pods.
 *
 * <p>{@link #reconcile(String) Reconciling} a namespace takes its controllers oldest first. A controller's pods are
 * the active ones (not being deleted, neither {@code Succeeded} nor {@code Failed}) whose labels match its
 * {@code spec.selector} (its template's labels when the selector is empty, as the apiserver defaults it) and that it
 * controls ({@code metadata.ownerReferences} with {@code controller: true} and its uid) or that no one controls: those
 * it adopts, as Kubernetes does. A pod it controls that no longer matches is released. It then creates the missing
 * pods from {@code spec.template}, named {@code <controller>-<5 random characters>} as Kubernetes' generateName does,
 * with the template's labels and annotations and the controller as their owner (scheduled like any new pod), or
 * deletes the excess ones, in this order: unscheduled before scheduled, {@code Pending} before {@code Running}, then
 * the newest first (by the order this API server created them; {@code creationTimestamp} has whole seconds only).
 * Last it writes the controller's {@code status}: {@code replicas}, {@code fullyLabeledReplicas},
 * {@code readyReplicas} and {@code availableReplicas} (pods {@code Running}), {@code observedGeneration}; zeros are
 * left out but for {@code replicas}, as the apiserver's JSON does.
 *
 * <p>A deleted controller's pods are deleted too (propagation {@code Background} or {@code Foreground}, the default),
 * or, with {@code Orphan}, lose their owner reference and become orphans another controller may adopt.
 *
 * <p>The {@code scale} subresource ({@code autoscaling/v1} {@code Scale}) is served here: get, replace, and patch
 * (merge, strategic merge taken as merge, JSON patch).
 *
 * <p>Not thread-safe: the dispatcher calls it under its lock.
 */
final class ReplicationManager
{
    /** The objects the manager reads and writes, as the dispatcher stores them. */
    interface Store
    {
        /**
         * @param path an object's or collection's path
         * @return the stored response to a GET of it
         */
        MockResponse get(String path);

        /**
         * Creates a pod, scheduled like any other.
         *
         * @param path the pods' collection path
         * @param pod  the pod
         * @return the response: 201 with the pod, or the failure
         */
        MockResponse createPod(String path, ObjectNode pod);

        /**
         * @param path  an object's path, or its {@code /status}
         * @param patch a JSON patch (RFC 6902)
         * @return the response: 2xx with the object, or the failure
         */
        MockResponse patch(String path, ArrayNode patch);

        /**
         * @param path an object's path
         * @return the response: 2xx with the deleted object, or the failure
         */
        MockResponse delete(String path);
    }

    private static final Logger log = LoggerFactory.getLogger(ReplicationManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kubernetes' generateName characters: lowercase, no vowels, no look-alikes. */
    private static final String NAME_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int NAME_SUFFIX = 5;
    /** A DNS label's 63 characters, less the suffix. */
    private static final int NAME_BASE = 63 - NAME_SUFFIX;
    private static final int NAME_ATTEMPTS = 10;

    private final Store store;
    /** Per namespace, per pod uid: the order pods were created in (for the newest-first rule). */
    private final Map<String, Map<String, Long>> creationOrder = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();

    /**
     * @param store where the controllers and pods are
     */
    ReplicationManager(Store store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Notes a new pod, for the newest-first rule.
     *
     * @param namespace its namespace
     * @param uid       its uid
     */
    void podCreated(String namespace, String uid)
    {
        creationOrder.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>()).put(uid, created.incrementAndGet());
    }

    /**
     * Brings every replication controller of the namespace to its replicas, then writes their status.
     *
     * @param namespace the namespace
     */
    void reconcile(String namespace)
    {
        List<JsonNode> controllers = items(store.get(controllersPath(namespace)));
        controllers.sort(Comparator.<JsonNode, String>comparing(rc -> rc.path("metadata").path("creationTimestamp")
                .asText("")).thenComparing(rc -> rc.path("metadata").path("name").asText("")));
        for (JsonNode controller : controllers) {
            sync(namespace, controller);
        }
        Map<String, Long> order = creationOrder.get(namespace);
        if (order != null) {
            Set<String> live = new HashSet<>();
            items(store.get(podsPath(namespace))).forEach(pod -> live.add(uid(pod)));
            order.keySet().retainAll(live);
        }
    }

    /**
     * What the garbage collector does once controllers are deleted: their pods are deleted, or orphaned.
     *
     * @param namespace the namespace
     * @param gone      the deleted controllers' uids
     * @param orphan    whether the delete asked for {@code Orphan}
     */
    void controllersDeleted(String namespace, Set<String> gone, boolean orphan)
    {
        if (gone.isEmpty()) {
            return;
        }
        for (JsonNode pod : items(store.get(podsPath(namespace)))) {
            JsonNode controller = controllerRef(pod);
            String path = podsPath(namespace) + "/" + name(pod);
            if (!orphan && controller != null && gone.contains(controller.path("uid").asText())) {
                MockResponse response = store.delete(path);
                log.debug("Deleted pod {}/{} of a deleted replication controller: HTTP {}", namespace, name(pod),
                        response.code());
            }
            else if (ownedByAny(pod, gone)) {
                setOwners(path, pod, withoutOwners(pod, gone));
            }
        }
    }

    /**
     * The uids of the namespace's replication controllers.
     *
     * @param namespace the namespace
     * @return their uids
     */
    Set<String> controllerUids(String namespace)
    {
        Set<String> uids = new HashSet<>();
        items(store.get(controllersPath(namespace))).forEach(rc -> uids.add(uid(rc)));
        return uids;
    }

    /**
     * Whether a delete asks for its dependents to be orphaned: {@code propagationPolicy: Orphan} or
     * {@code orphanDependents: true} in its body (DeleteOptions) or its query.
     *
     * @param request the DELETE
     * @return whether to orphan
     */
    static boolean orphans(RecordedRequest request)
    {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        JsonNode options = read(body);
        if (options != null && options.hasNonNull("propagationPolicy")) {
            return "Orphan".equals(options.get("propagationPolicy").asText());
        }
        if (options != null && options.hasNonNull("orphanDependents")) {
            return options.get("orphanDependents").asBoolean();
        }
        String path = request.getPath();
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String parameter : path.substring(query + 1).split("&")) {
                int equals = parameter.indexOf('=');
                String key = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1),
                        StandardCharsets.UTF_8);
                if (key.equals("propagationPolicy")) {
                    return value.equals("Orphan");
                }
                if (key.equals("orphanDependents")) {
                    return value.equals("true");
                }
            }
        }
        return false;
    }

    /**
     * The {@code scale} subresource of a replication controller: GET, PUT, PATCH. A new replica count is written to
     * the controller's {@code spec.replicas} and the namespace reconciled before the answer.
     *
     * @param request   the request
     * @param namespace the controller's namespace
     * @param name      the controller's name
     * @return the answer: the {@code Scale}, or a {@code Status} failure
     */
    MockResponse scale(RecordedRequest request, String namespace, String name)
    {
        String path = controllersPath(namespace) + "/" + name;
        MockResponse current = store.get(path);
        if (current.code() != HttpURLConnection.HTTP_OK) {
            return current;
        }
        JsonNode controller = body(current);
        if (controller == null) {
            return failure(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError", "unreadable " + path);
        }
        ObjectNode scale = scaleOf(controller);
        JsonNode wanted;
        switch (request.method()) {
            case GET:
                return answer(HttpURLConnection.HTTP_OK, scale);
            case PUT:
                wanted = read(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
                String version = wanted == null ? "" : wanted.path("metadata").path("resourceVersion").asText("");
                if (!version.isEmpty() && !version.equals(controller.path("metadata").path("resourceVersion")
                        .asText())) {
                    return failure(HttpURLConnection.HTTP_CONFLICT, "Conflict", "Operation cannot be fulfilled on"
                            + " replicationcontrollers \"" + name + "\": the object has been modified; please apply"
                            + " your changes to the latest version and try again");
                }
                break;
            case PATCH:
                JsonNode patch = read(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
                if (patch == null) {
                    return failure(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "the patch is not JSON");
                }
                String type = request.getHeader("Content-Type");
                try {
                    wanted = type != null && type.startsWith("application/json-patch+json")
                            ? JsonPatch.apply(patch, scale) : LocalKubernetesDispatcher.mergePatch(scale.deepCopy(),
                                    patch);
                }
                catch (RuntimeException e) {
                    return failure(422, "Invalid", "the patch does not apply: " + e.getMessage());
                }
                break;
            default:
                return failure(HttpURLConnection.HTTP_BAD_METHOD, "MethodNotAllowed", request.getMethod()
                        + " is not allowed on " + path + "/scale");
        }
        JsonNode replicas = wanted == null ? null : wanted.path("spec").get("replicas");
        if (replicas == null || !replicas.canConvertToInt() || !replicas.isIntegralNumber() || replicas.asInt() < 0) {
            return failure(422, "Invalid", "Scale.autoscaling \"" + name + "\" is invalid: spec.replicas: must be"
                    + " a non-negative integer");
        }
        if (!replicas.equals(controller.path("spec").get("replicas"))) {
            ArrayNode change = JSON.createArrayNode();
            change.addObject().put("op", "add").put("path", "/spec/replicas").put("value", replicas.asInt());
            MockResponse patched = store.patch(path, change);
            if (!success(patched)) {
                return patched;
            }
        }
        reconcile(namespace);
        JsonNode now = body(store.get(path));
        return answer(HttpURLConnection.HTTP_OK, scaleOf(now == null ? controller : now));
    }

    private void sync(String namespace, JsonNode controller)
    {
        String name = name(controller);
        String uid = uid(controller);
        Map<String, String> selector = selector(controller);
        if (selector.isEmpty()) {
            log.debug("Replication controller {}/{} selects no pods: neither selector nor template labels", namespace,
                    name);
            return;
        }
        List<JsonNode> owned = new ArrayList<>();
        for (JsonNode pod : items(store.get(podsPath(namespace)))) {
            if (!active(pod)) {
                continue;
            }
            JsonNode controllerRef = controllerRef(pod);
            boolean matches = matches(pod.path("metadata").path("labels"), selector);
            String path = podsPath(namespace) + "/" + name(pod);
            if (controllerRef != null && uid.equals(controllerRef.path("uid").asText())) {
                if (matches) {
                    owned.add(pod);
                }
                else {
                    setOwners(path, pod, withoutOwners(pod, Set.of(uid)));
                }
            }
            else if (controllerRef == null && matches) {
                ArrayNode owners = withoutOwners(pod, Set.of(uid));
                owners.add(ownerReference(controller));
                JsonNode adopted = setOwners(path, pod, owners);
                if (adopted != null) {
                    owned.add(adopted);
                }
            }
        }
        int missing = desiredReplicas(controller) - owned.size();
        if (missing > 0) {
            owned.addAll(create(namespace, controller, missing));
        }
        else if (missing < 0) {
            owned.sort(deletionOrder(namespace));
            for (JsonNode excess : List.copyOf(owned.subList(0, -missing))) {
                MockResponse response = store.delete(podsPath(namespace) + "/" + name(excess));
                if (success(response)) {
                    owned.remove(excess);
                }
                else {
                    log.warn("Replication controller {}/{}: cannot delete pod {}: HTTP {}", namespace, name,
                            name(excess), response.code());
                }
            }
        }
        writeStatus(namespace, name, controller, owned);
    }

    private List<JsonNode> create(String namespace, JsonNode controller, int count)
    {
        String name = name(controller);
        JsonNode template = controller.path("spec").path("template");
        List<JsonNode> pods = new ArrayList<>();
        if (!template.isObject()) {
            log.warn("Replication controller {}/{} has no pod template: no pods made", namespace, name);
            return pods;
        }
        for (int i = 0; i < count; i++) {
            ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
            ObjectNode metadata = pod.putObject("metadata").put("namespace", namespace);
            JsonNode templateMetadata = template.path("metadata");
            for (String field : List.of("labels", "annotations")) {
                if (templateMetadata.path(field).isObject()) {
                    metadata.set(field, templateMetadata.get(field).deepCopy());
                }
            }
            metadata.putArray("ownerReferences").add(ownerReference(controller));
            pod.set("spec", template.path("spec").isObject() ? template.get("spec").deepCopy()
                    : JSON.createObjectNode());
            JsonNode made = null;
            for (int attempt = 0; attempt < NAME_ATTEMPTS && made == null; attempt++) {
                metadata.put("name", generateName(name));
                MockResponse response = store.createPod(podsPath(namespace), pod);
                if (response.code() == HttpURLConnection.HTTP_CREATED) {
                    made = body(response);
                }
                else if (response.code() != HttpURLConnection.HTTP_CONFLICT) {
                    log.warn("Replication controller {}/{}: cannot create a pod: HTTP {}", namespace, name,
                            response.code());
                    return pods;
                }
            }
            if (made == null) {
                log.warn("Replication controller {}/{}: no free pod name in {} attempts", namespace, name,
                        NAME_ATTEMPTS);
                return pods;
            }
            pods.add(made);
        }
        return pods;
    }

    private void writeStatus(String namespace, String name, JsonNode controller, List<JsonNode> pods)
    {
        String path = controllersPath(namespace) + "/" + name;
        JsonNode now = body(store.get(path));
        if (now == null || !uid(controller).equals(uid(now))) {
            return;
        }
        Map<String, String> templateLabels = labels(now.path("spec").path("template").path("metadata")
                .path("labels"));
        int fullyLabeled = 0;
        int ready = 0;
        for (JsonNode pod : pods) {
            if (matches(pod.path("metadata").path("labels"), templateLabels)) {
                fullyLabeled++;
            }
            if ("Running".equals(pod.path("status").path("phase").asText())) {
                ready++;
            }
        }
        ObjectNode status = JSON.createObjectNode().put("replicas", pods.size());
        putUnlessZero(status, "fullyLabeledReplicas", fullyLabeled);
        putUnlessZero(status, "readyReplicas", ready);
        putUnlessZero(status, "availableReplicas", ready);
        putUnlessZero(status, "observedGeneration", now.path("metadata").path("generation").asLong());
        if (read(status.toString().getBytes(StandardCharsets.UTF_8)).equals(now.get("status"))) {
            return;
        }
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "add").put("path", "/status").set("value", status);
        MockResponse response = store.patch(path + "/status", patch);
        if (!success(response)) {
            log.warn("Replication controller {}/{}: cannot write its status: HTTP {}", namespace, name,
                    response.code());
        }
    }

    /** Sets a pod's owner references (none: the field goes); the pod as patched, or null when the patch failed. */
    private JsonNode setOwners(String path, JsonNode pod, ArrayNode owners)
    {
        ArrayNode patch = JSON.createArrayNode();
        if (owners.isEmpty()) {
            if (!pod.path("metadata").has("ownerReferences")) {
                return pod;
            }
            patch.addObject().put("op", "remove").put("path", "/metadata/ownerReferences");
        }
        else {
            patch.addObject().put("op", "add").put("path", "/metadata/ownerReferences").set("value", owners);
        }
        MockResponse response = store.patch(path, patch);
        if (!success(response)) {
            log.warn("Cannot set the owners of pod {}: HTTP {}", path, response.code());
            return null;
        }
        return body(response);
    }

    /** Excess pods go first: unscheduled, then not running, then the newest. */
    private Comparator<JsonNode> deletionOrder(String namespace)
    {
        Map<String, Long> order = creationOrder.getOrDefault(namespace, Map.of());
        return Comparator.<JsonNode>comparingInt(pod -> pod.path("spec").hasNonNull("nodeName") ? 1 : 0)
                .thenComparingInt(pod -> switch (pod.path("status").path("phase").asText("")) {
                    case "Pending" -> 0;
                    case "Running" -> 2;
                    default -> 1;
                })
                .thenComparing(pod -> order.getOrDefault(uid(pod), -1L), Comparator.reverseOrder());
    }

    private static ObjectNode scaleOf(JsonNode controller)
    {
        JsonNode metadata = controller.path("metadata");
        ObjectNode scale = JSON.createObjectNode().put("apiVersion", "autoscaling/v1").put("kind", "Scale");
        ObjectNode scaleMetadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (metadata.hasNonNull(field)) {
                scaleMetadata.set(field, metadata.get(field));
            }
        }
        scale.putObject("spec").put("replicas", desiredReplicas(controller));
        StringBuilder selector = new StringBuilder();
        selector(controller).forEach((key, value) -> selector.append(selector.length() == 0 ? "" : ",").append(key)
                .append('=').append(value));
        scale.putObject("status").put("replicas", controller.path("status").path("replicas").asInt(0))
                .put("selector", selector.toString());
        return scale;
    }

    /** {@code spec.replicas}, 1 when absent as the apiserver defaults it. */
    private static int desiredReplicas(JsonNode controller)
    {
        JsonNode replicas = controller.path("spec").get("replicas");
        return replicas == null || replicas.isNull() ? 1 : Math.max(0, replicas.asInt());
    }

    /** {@code spec.selector}, or the template's labels when it is empty; sorted. */
    private static Map<String, String> selector(JsonNode controller)
    {
        Map<String, String> selector = labels(controller.path("spec").path("selector"));
        return selector.isEmpty() ? labels(controller.path("spec").path("template").path("metadata").path("labels"))
                : selector;
    }

    private static Map<String, String> labels(JsonNode labels)
    {
        Map<String, String> map = new TreeMap<>();
        if (labels.isObject()) {
            labels.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        }
        return map;
    }

    private static boolean matches(JsonNode labels, Map<String, String> selector)
    {
        for (Map.Entry<String, String> requirement : selector.entrySet()) {
            JsonNode value = labels.get(requirement.getKey());
            if (value == null || !requirement.getValue().equals(value.asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean active(JsonNode pod)
    {
        String phase = pod.path("status").path("phase").asText("");
        return !pod.path("metadata").hasNonNull("deletionTimestamp") && !phase.equals("Succeeded")
                && !phase.equals("Failed");
    }

    /** The owner reference with {@code controller: true}, or null. */
    private static JsonNode controllerRef(JsonNode pod)
    {
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                return owner;
            }
        }
        return null;
    }

    private static boolean ownedByAny(JsonNode pod, Set<String> uids)
    {
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            if (uids.contains(owner.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode withoutOwners(JsonNode pod, Set<String> uids)
    {
        ArrayNode owners = JSON.createArrayNode();
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            if (!uids.contains(owner.path("uid").asText())) {
                owners.add(owner.deepCopy());
            }
        }
        return owners;
    }

    private static ObjectNode ownerReference(JsonNode controller)
    {
        return JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ReplicationController")
                .put("name", name(controller)).put("uid", uid(controller)).put("controller", true)
                .put("blockOwnerDeletion", true);
    }

    /** As Kubernetes' generateName: the base cut to leave room for 5 random characters. */
    static String generateName(String controller)
    {
        String base = controller + "-";
        if (base.length() > NAME_BASE) {
            base = base.substring(0, NAME_BASE);
        }
        StringBuilder name = new StringBuilder(base);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < NAME_SUFFIX; i++) {
            name.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
        }
        return name.toString();
    }

    private static void putUnlessZero(ObjectNode status, String field, long value)
    {
        if (value != 0) {
            status.put(field, value);
        }
    }

    private static String controllersPath(String namespace)
    {
        return "/api/v1/namespaces/" + namespace + "/replicationcontrollers";
    }

    private static String podsPath(String namespace)
    {
        return "/api/v1/namespaces/" + namespace + "/pods";
    }

    private static String name(JsonNode object)
    {
        return object.path("metadata").path("name").asText();
    }

    private static String uid(JsonNode object)
    {
        return object.path("metadata").path("uid").asText();
    }

    private static List<JsonNode> items(MockResponse list)
    {
        List<JsonNode> items = new ArrayList<>();
        JsonNode body = list.code() == HttpURLConnection.HTTP_OK ? body(list) : null;
        if (body != null) {
            body.path("items").forEach(items::add);
        }
        return items;
    }

    private static boolean success(MockResponse response)
    {
        return response.code() / 100 == 2;
    }

    private static JsonNode body(MockResponse response)
    {
        return response.getBody() == null ? null : read(response.getBody().getBytes());
    }

    private static JsonNode read(byte[] body)
    {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        }
        catch (java.io.IOException e) {
            return null;
        }
    }

    private static MockResponse answer(int code, JsonNode body)
    {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    /** A {@code Status} failure, as the apiserver answers one. */
    private static MockResponse failure(int code, String reason, String message)
    {
        ObjectNode status = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Status");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return answer(code, status);
    }
}
