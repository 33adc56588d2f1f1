package io.magnum.local.coe.kubernetes;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;

import static java.util.Objects.requireNonNull;

/**
 * fabric8's CRUD dispatcher with the little a kube-apiserver, its scheduler, its kubelets and its controller manager
 * would add for the objects LocalCloud's bays serve: a new pod is scheduled round-robin on the bay's nodes
 * ({@code spec.nodeName}, {@code status.hostIP}, a pod IP) and reported {@code Running}; a new service gets a cluster
 * IP from Magnum's default portal network (10.254.0.0/16); a pod or service replaced without those fields keeps them.
 * Nodes are registered as {@code Ready}, named by their address. A JSON merge patch follows RFC 7386 (a {@code null}
 * removes a field; the mock server alone would keep it as null); a strategic merge patch is taken as one.
 *
 * <p>Replication controllers make their pods, as Kubernetes' replication manager does (see
 * {@link ReplicationManager}): after each request that changes one (create, replace, any patch, its {@code scale}
 * subresource, delete) or deletes a pod, and before that request is answered, every controller of the namespace gets
 * its {@code spec.replicas} pods (adopting matching orphans, creating from its template, deleting the excess) and its
 * {@code status}. Deleting a controller deletes its pods unless the delete asks for {@code propagationPolicy: Orphan}.
 * A pod created or relabelled by hand is adopted or released at the next such request, not at once. Writes are
 * serialized, so a reconciliation is never interleaved with another write.
 */
final class LocalKubernetesDispatcher extends KubernetesCrudDispatcher
{
    private static final Pattern PODS = Pattern.compile("^/api/v1/namespaces/[^/]+/pods/?(\\?.*)?$");
    private static final Pattern POD = Pattern.compile("^/api/v1/namespaces/[^/]+/pods/[^/?]+/?(\\?.*)?$");
    private static final Pattern SERVICES = Pattern.compile("^/api/v1/namespaces/[^/]+/services/?(\\?.*)?$");
    private static final Pattern SERVICE = Pattern.compile("^/api/v1/namespaces/[^/]+/services/[^/?]+/?(\\?.*)?$");
    /** A namespace's pods or replication controllers: collection, object, or an object's subresource. */
    private static final Pattern REPLICATION = Pattern.compile(
            "^/api/v1/namespaces/([^/?]+)/(pods|replicationcontrollers)(?:/([^/?]+)(?:/([^/?]+))?)?/?(?:\\?.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private volatile List<String> nodes;
    private final Runnable onRequest;
    private final AtomicInteger scheduled = new AtomicInteger();
    private final AtomicInteger podIps = new AtomicInteger(2);
    private final AtomicInteger clusterIps = new AtomicInteger(2);
    private final ReplicationManager replication = new ReplicationManager(new ReplicationManager.Store()
    {
        @Override
        public MockResponse get(String path)
        {
            return handleGet(path);
        }

        @Override
        public MockResponse createPod(String path, ObjectNode pod)
        {
            return handleCreate(request(HttpMethod.POST, path, "application/json", pod));
        }

        @Override
        public MockResponse patch(String path, ArrayNode patch)
        {
            return LocalKubernetesDispatcher.super.handlePatch(request(HttpMethod.PATCH, path, JSON_PATCH, patch));
        }

        @Override
        public MockResponse delete(String path)
        {
            return LocalKubernetesDispatcher.super.handleDelete(path);
        }
    });

    /**
     * @param nodes     the bay's node addresses, which pods are scheduled on in turn
     * @param onRequest run before each request is handled
     */
    LocalKubernetesDispatcher(List<String> nodes, Runnable onRequest)
    {
        this.nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
        this.onRequest = requireNonNull(onRequest, "onRequest is null");
    }

    /** Registers one {@code Ready} node per address, named by it, with it as its {@code InternalIP}. */
    void registerNodes()
    {
        register(nodes);
    }

    /**
     * The bay was scaled: registers the new nodes, deletes the gone ones; new pods go to the nodes now present.
     *
     * @param now the bay's node addresses now
     */
    synchronized void nodesChanged(List<String> now)
    {
        List<String> before = nodes;
        nodes = List.copyOf(now);
        register(now.stream().filter(address -> !before.contains(address)).toList());
        for (String gone : before) {
            if (!now.contains(gone)) {
                super.handleDelete("/api/v1/nodes/" + gone);
            }
        }
    }

    private void register(List<String> addresses)
    {
        for (String address : addresses) {
            ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
            node.putObject("metadata").put("name", address).putObject("labels")
                    .put("kubernetes.io/hostname", address);
            ObjectNode status = node.putObject("status");
            status.putArray("addresses").addObject().put("type", "InternalIP").put("address", address);
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                    .put("reason", "KubeletReady").put("message", "kubelet is posting ready status");
            MockResponse response = super.handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST,
                    "/api/v1/nodes", Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer(node.toString().getBytes(StandardCharsets.UTF_8))));
            if (response.code() != HttpURLConnection.HTTP_CREATED) {
                throw new IllegalStateException("cannot register node " + address + ": HTTP "
                        + response.code());
            }
        }
    }

    /**
     * Serves the request; one that changes a replication controller or deletes a pod is followed by a reconciliation
     * of the namespace's replication controllers, and writes to pods and controllers are serialized.
     */
    @Override
    public MockResponse dispatch(RecordedRequest request)
    {
        onRequest.run();
        Matcher target = REPLICATION.matcher(request.getPath());
        HttpMethod method = request.method();
        boolean scale = target.matches() && target.group(2).equals("replicationcontrollers")
                && "scale".equals(target.group(4));
        if (!scale && (!target.matches() || method == HttpMethod.GET)) {
            return super.dispatch(request);
        }
        String namespace = target.group(1);
        boolean controllers = target.group(2).equals("replicationcontrollers");
        synchronized (this) {
            if (scale) {
                return replication.scale(request, namespace, target.group(3));
            }
            if (controllers && method == HttpMethod.DELETE && target.group(4) == null) {
                return deleteControllers(request, namespace);
            }
            MockResponse response = super.dispatch(request);
            boolean changed = controllers ? method != HttpMethod.GET : method == HttpMethod.DELETE;
            if (changed && response != null && response.code() / 100 == 2) {
                replication.reconcile(namespace);
            }
            return response;
        }
    }

    /** Deletes one controller or a collection, then their pods (or orphans them), then reconciles the rest. */
    private MockResponse deleteControllers(RecordedRequest request, String namespace)
    {
        Set<String> before = replication.controllerUids(namespace);
        MockResponse response = super.dispatch(request);
        if (response != null && response.code() / 100 == 2) {
            Set<String> gone = new HashSet<>(before);
            gone.removeAll(replication.controllerUids(namespace));
            replication.controllersDeleted(namespace, gone, ReplicationManager.orphans(request));
            replication.reconcile(namespace);
        }
        return response;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request)
    {
        String path = request.getPath();
        if (PODS.matcher(path).matches()) {
            MockResponse response = super.handleCreate(edited(request, this::schedule));
            if (response.code() == HttpURLConnection.HTTP_CREATED) {
                JsonNode pod = read(response.getBody().getBytes());
                if (pod != null) {
                    replication.podCreated(pod.path("metadata").path("namespace").asText(),
                            pod.path("metadata").path("uid").asText());
                }
            }
            return response;
        }
        if (SERVICES.matcher(path).matches()) {
            return super.handleCreate(edited(request, this::assignClusterIp));
        }
        return super.handleCreate(request);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request)
    {
        String path = request.getPath();
        boolean pod = POD.matcher(path).matches();
        if (pod || SERVICE.matcher(path).matches()) {
            MockResponse current = handleGet(path);
            if (current.code() == HttpURLConnection.HTTP_OK) {
                JsonNode stored = read(current.getBody().getBytes());
                if (stored != null) {
                    return super.handleUpdate(edited(request, o -> keep(o, stored, pod)));
                }
            }
        }
        return super.handleUpdate(request);
    }

    /**
     * fabric8's mock server applies a merge patch with Jackson's updating reader, which keeps {@code null}s: apply
     * it here by RFC 7386 and hand the server the difference as a JSON patch. A strategic merge patch (which the mock
     * server refuses) is applied the same way: its lists replace, rather than merge by key.
     */
    @Override
    public MockResponse handlePatch(RecordedRequest request)
    {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !(contentType.startsWith(MERGE_PATCH)
                || contentType.startsWith(STRATEGIC_MERGE_PATCH))) {
            return super.handlePatch(request);
        }
        JsonNode patch = read(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
        if (patch == null) {
            return super.handlePatch(request);
        }
        MockResponse current = handleGet(request.getPath());
        if (current.code() != HttpURLConnection.HTTP_OK) {
            return current;
        }
        JsonNode stored = read(current.getBody().getBytes());
        if (stored == null) {
            return super.handlePatch(request);
        }
        JsonNode merged = mergePatch(stored.deepCopy(), patch);
        JsonNode difference = JsonDiff.asJson(stored, merged);
        return super.handlePatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders().newBuilder().set("Content-Type", JSON_PATCH).build(),
                new Buffer(difference.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** RFC 7386. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch)
    {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode object ? object : JSON.createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            }
            else {
                JsonNode existing = result.get(field.getKey());
                result.set(field.getKey(), mergePatch(existing == null ? JSON.nullNode() : existing,
                        field.getValue()));
            }
        });
        return result;
    }

    private void schedule(ObjectNode pod)
    {
        ObjectNode spec = object(pod, "spec");
        ObjectNode status = object(pod, "status");
        List<String> current = nodes;
        if (!spec.hasNonNull("nodeName") && !current.isEmpty()) {
            spec.put("nodeName", current.get(Math.floorMod(scheduled.getAndIncrement(), current.size())));
        }
        if (spec.hasNonNull("nodeName")) {
            String node = spec.get("nodeName").asText();
            int n = podIps.getAndIncrement();
            if (!status.hasNonNull("phase")) {
                status.put("phase", "Running");
            }
            if (!status.hasNonNull("hostIP")) {
                status.put("hostIP", node);
            }
            if (!status.hasNonNull("podIP")) {
                status.put("podIP", "10.100." + ((n >> 8) & 0xff) + "." + (n & 0xff));
            }
        }
        else if (!status.hasNonNull("phase")) {
            status.put("phase", "Pending");
        }
    }

    private void assignClusterIp(ObjectNode service)
    {
        ObjectNode spec = object(service, "spec");
        String type = spec.path("clusterIP").asText("");
        if (type.isEmpty()) {
            int n = clusterIps.getAndIncrement();
            spec.put("clusterIP", "10.254." + ((n >> 8) & 0xff) + "." + (n & 0xff));
        }
    }

    /** What the apiserver would keep on a replace: a pod's node and status, a service's cluster IP. */
    private static void keep(ObjectNode replacement, JsonNode stored, boolean pod)
    {
        ObjectNode spec = object(replacement, "spec");
        if (pod) {
            if (!spec.hasNonNull("nodeName") && stored.path("spec").hasNonNull("nodeName")) {
                spec.set("nodeName", stored.path("spec").get("nodeName"));
            }
            if (stored.has("status")) {
                replacement.set("status", stored.get("status"));
            }
        }
        else if (spec.path("clusterIP").asText("").isEmpty() && stored.path("spec").hasNonNull("clusterIP")) {
            spec.set("clusterIP", stored.path("spec").get("clusterIP"));
        }
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, JsonNode body)
    {
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", contentType).build(),
                new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The request with its JSON body edited; unchanged when the body is not a JSON object (the handler refuses it). */
    private static RecordedRequest edited(RecordedRequest request, Consumer<ObjectNode> edit)
    {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        JsonNode json = read(body);
        if (!(json instanceof ObjectNode object)) {
            return request;
        }
        edit.accept(object);
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders(), new Buffer(object.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode read(byte[] body)
    {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        }
        catch (IOException e) {
            return null;
        }
    }

    private static ObjectNode object(ObjectNode parent, String field)
    {
        JsonNode child = parent.get(field);
        if (child instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }
}
