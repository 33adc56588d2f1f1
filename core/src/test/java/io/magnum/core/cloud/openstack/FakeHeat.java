package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.magnum.core.cloud.openstack.FakeOpenStack.Request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.magnum.core.cloud.openstack.FakeOpenStack.DELETED_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.DELETED_NAME;
import static io.magnum.core.cloud.openstack.FakeOpenStack.JSON;
import static io.magnum.core.cloud.openstack.FakeOpenStack.K8S_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.K8S_NAME;
import static io.magnum.core.cloud.openstack.FakeOpenStack.MESOS_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.MESOS_NAME;
import static io.magnum.core.cloud.openstack.FakeOpenStack.SWARM_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.SWARM_NAME;
import static io.magnum.core.cloud.openstack.FakeOpenStack.send;

/**
 * The Heat of {@link FakeOpenStack}: four recorded stacks (complete, in progress, failed, deleted) plus the ones
 * created; the lookup redirect; update and delete change the status shown; resources and events of the Kubernetes
 * stack.
 */
final class FakeHeat
{
    private record StackEntry(String name, String id, String showResource)
    {
    }

    private final Map<String, StackEntry> stacks = new ConcurrentHashMap<>();
    private final Map<String, String> statusOverrides = new ConcurrentHashMap<>();

    private final FakeOpenStack fake;

    FakeHeat(FakeOpenStack fake)
    {
        this.fake = fake;
        addStack(K8S_NAME, K8S_ID, "heat/stack-show-k8sbay.json");
        addStack(SWARM_NAME, SWARM_ID, "heat/stack-show-swarmbay.json");
        addStack(MESOS_NAME, MESOS_ID, "heat/stack-show-mesosbay.json");
        addStack(DELETED_NAME, DELETED_ID, "heat/stack-show-oldbay.json");
    }

    private void addStack(String name, String id, String showResource)
    {
        stacks.put(id, new StackEntry(name, id, showResource));
    }

    void handle(HttpExchange exchange, Request request, String path) throws IOException
    {
        String[] parts = path.substring(1).split("/");
        if (!parts[0].equals("stacks")) {
            send(exchange, 404, fake.resource("heat/error-404-stack.json", Map.of("name", path)));
            return;
        }
        String method = request.method();
        if (parts.length == 1) {
            if (method.equals("GET")) {
                send(exchange, 200, fake.resource("heat/stack-list.json", Map.of()));
            }
            else if (method.equals("POST")) {
                createStack(exchange, request);
            }
            else {
                send(exchange, 405, "");
            }
            return;
        }
        if (parts.length == 2) {
            // GET /stacks/{name or id}: Heat's lookup redirects to the canonical /stacks/{name}/{id}
            StackEntry stack = lookup(parts[1]);
            if (stack == null || stack.id().equals(DELETED_ID) && parts[1].equals(DELETED_NAME)) {
                send(exchange, 404, fake.resource("heat/error-404-stack.json", Map.of("name", parts[1])));
                return;
            }
            exchange.getResponseHeaders().add("Location", fake.heatUrl() + "/stacks/" + stack.name() + "/" + stack.id());
            send(exchange, 302, "");
            return;
        }
        StackEntry stack = stacks.get(parts[2]);
        if (stack == null || !stack.name().equals(parts[1])) {
            send(exchange, 404, fake.resource("heat/error-404-stack.json", Map.of("name", parts[1] + "/" + parts[2])));
            return;
        }
        if (parts.length == 3) {
            switch (method) {
                case "GET" -> send(exchange, 200, show(stack));
                case "PUT" -> {
                    statusOverrides.put(stack.id(), "UPDATE_IN_PROGRESS");
                    send(exchange, 202, "");
                }
                case "DELETE" -> {
                    statusOverrides.put(stack.id(), "DELETE_IN_PROGRESS");
                    send(exchange, 204, "");
                }
                default -> send(exchange, 405, "");
            }
            return;
        }
        boolean k8s = stack.id().equals(K8S_ID);
        switch (parts[3]) {
            case "resources" -> send(exchange, 200, k8s ? fake.resource("heat/resources-k8sbay.json", Map.of()) : "{\"resources\": []}");
            case "events" -> send(exchange, 200, k8s ? events(request) : "{\"events\": []}");
            default -> send(exchange, 404, fake.resource("heat/error-404-stack.json", Map.of("name", path)));
        }
    }

    /** Heat lists events newest first unless asked {@code sort_dir=asc}; the recording is oldest first. */
    private String events(Request request) throws IOException
    {
        String recorded = fake.resource("heat/events-k8sbay.json", Map.of());
        return "asc".equals(request.query().get("sort_dir")) ? recorded : newestFirst(recorded);
    }

    /** @return Heat's event list JSON, turned around */
    static String newestFirst(String events) throws IOException
    {
        ObjectNode root = (ObjectNode) JSON.readTree(events);
        List<JsonNode> list = new ArrayList<>();
        root.path("events").forEach(list::add);
        Collections.reverse(list);
        root.putArray("events").addAll(list);
        return JSON.writeValueAsString(root);
    }

    private void createStack(HttpExchange exchange, Request request) throws IOException
    {
        String name = request.json().path("stack_name").asText();
        if (lookup(name) != null) {
            send(exchange, 409, fake.resource("heat/error-409-stack-exists.json", Map.of("name", name)));
            return;
        }
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        stacks.put(id, new StackEntry(name, id, "heat/stack-show-created.json"));
        send(exchange, 201, fake.resource("heat/stack-create.json", Map.of("name", name, "id", id)));
    }

    private StackEntry lookup(String nameOrId)
    {
        StackEntry byId = stacks.get(nameOrId);
        if (byId != null) {
            return byId;
        }
        return stacks.values().stream().filter(s -> s.name().equals(nameOrId)).findFirst().orElse(null);
    }

    private String show(StackEntry stack) throws IOException
    {
        String text = fake.resource(stack.showResource(), Map.of("name", stack.name(), "id", stack.id()));
        String status = statusOverrides.get(stack.id());
        if (status == null) {
            return text;
        }
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        ObjectNode shown = (ObjectNode) root.path("stack");
        shown.put("stack_status", status);
        shown.put("stack_status_reason", "Stack " + status.substring(0, status.indexOf('_')) + " started");
        return JSON.writeValueAsString(root);
    }
}
