package io.magnum.local.coe.marathon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * The behaviour of Marathon's v2 apps API for one bay, without the sockets: {@link MarathonServer} feeds it requests.
 *
 * <p>What it keeps to, from Marathon's REST documentation: {@code POST /v2/apps} answers 201 with the app, its
 * {@code version} and {@code deployments}, 409 when the id exists, 400 ("Invalid JSON") or 422 ("Object is not
 * valid") with {@code details}; {@code GET /v2/apps[/{id}]} shows counts ({@code tasksRunning}, {@code tasksStaged},
 * ...) and deployments, and tasks and {@code lastTaskFailure} when embedded; an unknown id is 404
 * {@code {"message":"App '/x' does not exist"}}; {@code PUT}, {@code POST .../restart} and {@code DELETE} start a
 * deployment and answer {@code {"deploymentId", "version"}} with a {@code Marathon-Deployment-Id} header, or 409
 * while another deployment holds the app unless {@code force=true}; {@code PUT} on an unknown id creates the app.
 *
 * <p>What it does not do: schedule anything. A deployment is a timer: after {@code deploymentTime} its tasks count
 * as running on the bay's slaves (its node addresses, in turn). Health checks, groups, pods, versions history, the
 * event bus and authentication are absent. State is evaluated lazily against the clock, so the stand-in needs no
 * thread of its own.
 *
 * <p>Thread-safe: every request runs under this object's lock.
 */
final class MarathonApi
{
    /** The Marathon version the stand-in reports in {@code /v2/info}. */
    static final String VERSION = "1.4.0-magnum4j-local";

    /** Marathon's versions are instants with milliseconds, always three digits. */
    private static final DateTimeFormatter VERSION_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> READ_ONLY = Set.of("version", "versionInfo", "tasksStaged", "tasksRunning",
            "tasksHealthy", "tasksUnhealthy", "deployments", "tasks", "lastTaskFailure", "taskStats", "readiness");

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Duration deploymentTime;
    private final String leader;
    private final String stackApiAddress;
    private final List<String> slaves;
    private final String frameworkId = UUID.randomUUID() + "-0000";
    private final Map<String, App> apps = new TreeMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private int nextSlave;

    /** A response: status, JSON or text body, extra headers. */
    record Reply(int status, String contentType, String body, Map<String, String> headers)
    {
        static Reply json(int status, JsonNode body)
        {
            return new Reply(status, "application/json", body.toString(), Map.of());
        }

        Reply withHeader(String name, String value)
        {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, contentType, body, Map.copyOf(all));
        }
    }

    private static final class App
    {
        final String id;
        ObjectNode definition;
        int instances;
        String version;
        String configChangedAt;
        final List<Task> tasks = new ArrayList<>();
        Deployment deployment;

        App(String id)
        {
            this.id = id;
        }
    }

    private record Task(String id, String host, String stagedAt, String startedAt, String version)
    {
    }

    private record Deployment(String id, String version, String action, String appId, Instant finishAt, int target)
    {
    }

    /**
     * @param leader          the {@code host:port} this stand-in answers on
     * @param stackApiAddress the bay's address from its stack (the Mesos master's load balancer)
     * @param slaves          the bay's node addresses, where tasks are said to run
     * @param deploymentTime  how long a deployment takes
     * @param clock           the time
     */
    MarathonApi(String leader, String stackApiAddress, List<String> slaves, Duration deploymentTime, Clock clock)
    {
        this.leader = requireNonNull(leader, "leader is null");
        this.stackApiAddress = requireNonNull(stackApiAddress, "stackApiAddress is null");
        this.slaves = List.copyOf(requireNonNull(slaves, "slaves is null"));
        this.deploymentTime = requireNonNull(deploymentTime, "deploymentTime is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Answers one request.
     *
     * @param method the HTTP method
     * @param path   the decoded path, such as {@code /v2/apps/redis}
     * @param query  the query parameters
     * @param body   the request body, possibly empty
     * @return the response
     */
    synchronized Reply handle(String method, String path, Map<String, List<String>> query, String body)
    {
        settle();
        String p = path.length() > 1 ? path.replaceAll("/+$", "") : path;
        if (p.equals("/ping")) {
            return method.equals("GET") || method.equals("HEAD") ? new Reply(200, "text/plain", "pong", Map.of())
                    : notAllowed();
        }
        if (p.equals("/v2/info")) {
            return method.equals("GET") ? Reply.json(200, info()) : notAllowed();
        }
        if (p.equals("/v2/deployments")) {
            return method.equals("GET") ? Reply.json(200, deploymentList()) : notAllowed();
        }
        if (p.equals("/v2/apps")) {
            return switch (method) {
                case "GET" -> Reply.json(200, appList(query));
                case "POST" -> create(body);
                default -> notAllowed();
            };
        }
        if (p.startsWith("/v2/apps/")) {
            String rest = p.substring("/v2/apps".length());
            boolean force = query.getOrDefault("force", List.of()).contains("true");
            if (rest.endsWith("/restart")) {
                return method.equals("POST") ? restart(rest.substring(0, rest.length() - "/restart".length()), force)
                        : notAllowed();
            }
            if (rest.endsWith("/tasks")) {
                return method.equals("GET") ? tasks(rest.substring(0, rest.length() - "/tasks".length())) : notAllowed();
            }
            return switch (method) {
                case "GET" -> show(rest, query.getOrDefault("embed", List.of()));
                case "PUT" -> update(rest, body, force);
                case "DELETE" -> delete(rest, force);
                default -> notAllowed();
            };
        }
        return Reply.json(404, message("Not Found"));
    }

    // ---- the calls

    private Reply create(String body)
    {
        JsonNode app = parse(body);
        if (app == null) {
            return invalidJson();
        }
        AppValidator.Outcome outcome = AppValidator.validate(app);
        if (!outcome.ok()) {
            return invalid(outcome);
        }
        String id = canonical(app.get("id").asText());
        if (apps.containsKey(id)) {
            return Reply.json(409, message("An app with id [" + id + "] already exists."));
        }
        App created = new App(id);
        String now = now();
        created.definition = definition((ObjectNode) app, id);
        created.instances = app.path("instances").asInt(1);
        created.version = now;
        created.configChangedAt = now;
        apps.put(id, created);
        Deployment deployment = deploy(created, "StartApplication", created.instances);
        ObjectNode shown = render(created, false, false, false);
        return Reply.json(201, shown).withHeader("Location", "http://" + leader + "/v2/apps" + id)
                .withHeader("Marathon-Deployment-Id", deployment.id());
    }

    private Reply show(String rawId, List<String> embed)
    {
        App app = apps.get(canonical(rawId));
        if (app == null) {
            return missing(rawId);
        }
        boolean tasks = embed.contains("app.tasks") || embed.contains("app.failures");
        boolean failure = embed.contains("app.lastTaskFailure") || embed.contains("app.failures");
        ObjectNode body = json.createObjectNode();
        body.set("app", render(app, true, tasks, failure));
        return Reply.json(200, body);
    }

    private Reply update(String rawId, String body, boolean force)
    {
        String id = canonical(rawId);
        JsonNode patch = parse(body);
        if (patch == null || !patch.isObject()) {
            return invalidJson();
        }
        App app = apps.get(id);
        if (app == null) {
            // PUT creates an unknown app, from a full definition
            ObjectNode full = ((ObjectNode) patch).deepCopy();
            full.put("id", id);
            AppValidator.Outcome outcome = AppValidator.validate(full);
            if (!outcome.ok()) {
                return invalid(outcome);
            }
            App created = new App(id);
            created.definition = definition(full, id);
            created.instances = full.path("instances").asInt(1);
            created.version = now();
            created.configChangedAt = created.version;
            apps.put(id, created);
            return deployed(201, deploy(created, "StartApplication", created.instances));
        }
        if (app.deployment != null && !force) {
            return locked(app);
        }
        ObjectNode merged = app.definition.deepCopy();
        patch.fields().forEachRemaining(e -> {
            if (!READ_ONLY.contains(e.getKey()) && !e.getKey().equals("id") && !e.getKey().equals("instances")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode check = merged.deepCopy();
        check.put("id", id);
        check.set("instances", patch.has("instances") ? patch.get("instances") : json.getNodeFactory().numberNode(app.instances));
        AppValidator.Outcome outcome = AppValidator.validate(check);
        if (!outcome.ok()) {
            return invalid(outcome);
        }
        int instances = check.path("instances").asInt();
        cancel(app);
        app.version = now();
        app.instances = instances;
        if (!merged.equals(app.definition)) {
            app.definition = merged;
            app.configChangedAt = app.version;
            return deployed(200, deploy(app, "RestartApplication", instances));
        }
        return deployed(200, deploy(app, "ScaleApplication", instances));
    }

    private Reply restart(String rawId, boolean force)
    {
        App app = apps.get(canonical(rawId));
        if (app == null) {
            return missing(rawId);
        }
        if (app.deployment != null && !force) {
            return locked(app);
        }
        cancel(app);
        app.version = now();
        return deployed(200, deploy(app, "RestartApplication", app.instances));
    }

    private Reply delete(String rawId, boolean force)
    {
        String id = canonical(rawId);
        App app = apps.get(id);
        if (app == null) {
            return missing(rawId);
        }
        if (app.deployment != null && !force) {
            return locked(app);
        }
        cancel(app);
        apps.remove(id);
        return deployed(200, deploy(app, "StopApplication", 0));
    }

    private Reply tasks(String rawId)
    {
        App app = apps.get(canonical(rawId));
        if (app == null) {
            return missing(rawId);
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode tasks = body.putArray("tasks");
        app.tasks.forEach(t -> tasks.add(task(app, t)));
        return Reply.json(200, body);
    }

    private ObjectNode appList(Map<String, List<String>> query)
    {
        List<String> embed = query.getOrDefault("embed", List.of());
        boolean tasks = embed.contains("apps.tasks") || embed.contains("apps.failures");
        boolean failure = embed.contains("apps.lastTaskFailure") || embed.contains("apps.failures");
        String idFilter = first(query, "id");
        String cmdFilter = first(query, "cmd");
        String labelFilter = first(query, "label");
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("apps");
        for (App app : apps.values()) {
            if (idFilter != null && !app.id.contains(idFilter)) {
                continue;
            }
            if (cmdFilter != null && !app.definition.path("cmd").asText("").contains(cmdFilter)) {
                continue;
            }
            if (labelFilter != null && !labelsMatch(app.definition.path("labels"), labelFilter)) {
                continue;
            }
            list.add(render(app, true, tasks, failure));
        }
        return body;
    }

    private ObjectNode info()
    {
        ObjectNode info = json.createObjectNode();
        info.put("name", "marathon");
        info.put("version", VERSION);
        info.put("buildref", "magnum4j-local");
        info.put("elected", true);
        info.put("leader", leader);
        info.put("frameworkId", frameworkId);
        ObjectNode config = info.putObject("marathon_config");
        config.put("master", "zk://" + stackApiAddress + ":2181/mesos");
        config.put("framework_name", "marathon");
        config.put("ha", true);
        config.put("checkpoint", true);
        config.put("local_port_min", 10000);
        config.put("local_port_max", 20000);
        config.put("executor", "//cmd");
        config.put("hostname", leader.substring(0, leader.lastIndexOf(':')));
        config.putNull("webui_url");
        config.putNull("mesos_role");
        config.put("task_launch_timeout", 300000);
        config.put("mesos_user", "root");
        ObjectNode zk = info.putObject("zookeeper_config");
        zk.put("zk", "zk://" + stackApiAddress + ":2181/marathon");
        zk.put("zk_timeout", 10000);
        zk.put("zk_session_timeout", 1800000);
        zk.put("zk_max_versions", 25);
        info.putNull("event_subscriber");
        ObjectNode http = info.putObject("http_config");
        http.put("http_port", Integer.parseInt(leader.substring(leader.lastIndexOf(':') + 1)));
        http.put("https_port", 8443);
        return info;
    }

    private ArrayNode deploymentList()
    {
        ArrayNode list = json.createArrayNode();
        for (Deployment d : deployments.values()) {
            ObjectNode item = list.addObject();
            item.put("id", d.id());
            item.put("version", d.version());
            item.putArray("affectedApps").add(d.appId());
            item.putArray("affectedPods");
            ObjectNode action = json.createObjectNode();
            action.put("action", d.action());
            action.put("app", d.appId());
            item.putArray("steps").addObject().putArray("actions").add(action);
            ObjectNode current = action.deepCopy();
            current.putObject("readinessCheckResults");
            item.putArray("currentActions").add(current);
            item.put("currentStep", 1);
            item.put("totalSteps", 1);
        }
        return list;
    }

    // ---- deployments

    private Deployment deploy(App app, String action, int target)
    {
        Deployment deployment = new Deployment(UUID.randomUUID().toString(), app.version, action, app.id,
                clock.instant().plus(deploymentTime), target);
        deployments.put(deployment.id(), deployment);
        if (!action.equals("StopApplication")) {
            app.deployment = deployment;
        }
        return deployment;
    }

    /** A newer deployment (forced) replaces the one running; what it had done so far stays done. */
    private void cancel(App app)
    {
        if (app.deployment != null) {
            deployments.remove(app.deployment.id());
            app.deployment = null;
        }
    }

    /** Finishes every deployment whose time is up. */
    private void settle()
    {
        Instant now = clock.instant();
        for (Iterator<Deployment> it = deployments.values().iterator(); it.hasNext(); ) {
            Deployment d = it.next();
            if (d.finishAt().isAfter(now)) {
                continue;
            }
            it.remove();
            App app = apps.get(d.appId());
            if (app == null || app.deployment != d) {
                continue;
            }
            app.deployment = null;
            String started = format(d.finishAt());
            if (d.action().equals("RestartApplication")) {
                app.tasks.clear();
            }
            while (app.tasks.size() > d.target()) {
                app.tasks.remove(app.tasks.size() - 1);   // YOUNGEST_FIRST
            }
            while (app.tasks.size() < d.target()) {
                String host = slaves.isEmpty() ? "127.0.0.1" : slaves.get(nextSlave++ % slaves.size());
                app.tasks.add(new Task(app.id.substring(1).replace('/', '_') + "." + UUID.randomUUID(), host,
                        d.version(), started, app.version));
            }
        }
    }

    // ---- rendering

    private ObjectNode render(App app, boolean counts, boolean withTasks, boolean failure)
    {
        ObjectNode out = json.createObjectNode();
        out.put("id", app.id);
        copy(app.definition, out, "cmd", null);
        copy(app.definition, out, "args", null);
        copy(app.definition, out, "user", null);
        copy(app.definition, out, "env", json.createObjectNode());
        out.put("instances", app.instances);
        copy(app.definition, out, "cpus", json.getNodeFactory().numberNode(1.0));
        copy(app.definition, out, "mem", json.getNodeFactory().numberNode(128.0));
        copy(app.definition, out, "disk", json.getNodeFactory().numberNode(0.0));
        copy(app.definition, out, "gpus", json.getNodeFactory().numberNode(0));
        copy(app.definition, out, "executor", json.getNodeFactory().textNode(""));
        copy(app.definition, out, "constraints", json.createArrayNode());
        copy(app.definition, out, "uris", json.createArrayNode());
        copy(app.definition, out, "fetch", json.createArrayNode());
        copy(app.definition, out, "storeUrls", json.createArrayNode());
        copy(app.definition, out, "backoffSeconds", json.getNodeFactory().numberNode(1));
        copy(app.definition, out, "backoffFactor", json.getNodeFactory().numberNode(1.15));
        copy(app.definition, out, "maxLaunchDelaySeconds", json.getNodeFactory().numberNode(3600));
        copy(app.definition, out, "container", null);
        copy(app.definition, out, "healthChecks", json.createArrayNode());
        copy(app.definition, out, "readinessChecks", json.createArrayNode());
        copy(app.definition, out, "dependencies", json.createArrayNode());
        ObjectNode upgrade = json.createObjectNode();
        upgrade.put("minimumHealthCapacity", 1.0);
        upgrade.put("maximumOverCapacity", 1.0);
        copy(app.definition, out, "upgradeStrategy", upgrade);
        copy(app.definition, out, "labels", json.createObjectNode());
        copy(app.definition, out, "acceptedResourceRoles", null);
        copy(app.definition, out, "ipAddress", null);
        copy(app.definition, out, "portDefinitions", json.createArrayNode());
        copy(app.definition, out, "requirePorts", json.getNodeFactory().booleanNode(false));
        copy(app.definition, out, "killSelection", json.getNodeFactory().textNode("YOUNGEST_FIRST"));
        app.definition.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        out.put("version", app.version);
        ObjectNode versionInfo = out.putObject("versionInfo");
        versionInfo.put("lastScalingAt", app.version);
        versionInfo.put("lastConfigChangeAt", app.configChangedAt);
        if (counts) {
            int running = app.tasks.size();
            out.put("tasksStaged", app.deployment == null ? 0 : Math.max(0, app.deployment.target() - running));
            out.put("tasksRunning", running);
            out.put("tasksHealthy", 0);
            out.put("tasksUnhealthy", 0);
        }
        ArrayNode inProgress = out.putArray("deployments");
        if (app.deployment != null) {
            inProgress.addObject().put("id", app.deployment.id());
        }
        if (withTasks) {
            ArrayNode tasks = out.putArray("tasks");
            app.tasks.forEach(t -> tasks.add(task(app, t)));
        }
        // the stand-in runs no process, so no task ever fails: lastTaskFailure is never there to embed
        return out;
    }

    private ObjectNode task(App app, Task t)
    {
        ObjectNode task = json.createObjectNode();
        task.put("id", t.id());
        task.put("appId", app.id);
        task.put("host", t.host());
        task.putArray("ports");
        task.putArray("ipAddresses").addObject().put("ipAddress", t.host()).put("protocol", "IPv4");
        task.put("stagedAt", t.stagedAt());
        task.put("startedAt", t.startedAt());
        task.put("version", t.version());
        task.put("state", "TASK_RUNNING");
        task.put("slaveId", frameworkId.substring(0, 36) + "-S" + Math.max(0, slaves.indexOf(t.host())));
        return task;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field, JsonNode otherwise)
    {
        JsonNode value = from.get(field);
        if (value != null) {
            to.set(field, value);
        }
        else if (otherwise == null) {
            to.putNull(field);
        }
        else {
            to.set(field, otherwise.deepCopy());
        }
    }

    /** The definition to keep: what the user sent, without status fields, id and instances (kept apart). */
    private static ObjectNode definition(ObjectNode app, String id)
    {
        ObjectNode definition = app.deepCopy();
        definition.remove(READ_ONLY);
        definition.remove("id");
        definition.remove("instances");
        JsonNode container = definition.get("container");
        if (container instanceof ObjectNode c) {
            if (!c.has("type")) {
                c.put("type", "DOCKER");
            }
            if (!c.has("volumes")) {
                c.putArray("volumes");
            }
        }
        return definition;
    }

    // ---- replies and helpers

    private Reply deployed(int status, Deployment deployment)
    {
        ObjectNode body = json.createObjectNode();
        body.put("deploymentId", deployment.id());
        body.put("version", deployment.version());
        return Reply.json(status, body).withHeader("Marathon-Deployment-Id", deployment.id());
    }

    private Reply locked(App app)
    {
        ObjectNode body = message("App is locked by one or more deployments. Override with the option '?force=true'."
                + " View details at '/v2/deployments/" + app.deployment.id() + "'.");
        body.putArray("deployments").addObject().put("id", app.deployment.id());
        return Reply.json(409, body);
    }

    private Reply missing(String rawId)
    {
        return Reply.json(404, message("App '" + canonical(rawId) + "' does not exist"));
    }

    private Reply invalidJson()
    {
        ObjectNode body = message("Invalid JSON");
        body.putArray("details").addObject().put("path", "/").putArray("errors").add("error.expected.jsobject");
        return Reply.json(400, body);
    }

    private Reply invalid(AppValidator.Outcome outcome)
    {
        boolean types = !outcome.typeErrors().isEmpty();
        ObjectNode body = message(types ? "Invalid JSON" : "Object is not valid");
        ArrayNode details = body.putArray("details");
        for (AppValidator.Detail detail : types ? outcome.typeErrors() : outcome.violations()) {
            ArrayNode errors = details.addObject().put("path", detail.path()).putArray("errors");
            detail.errors().forEach(errors::add);
        }
        return Reply.json(types ? 400 : 422, body);
    }

    private Reply notAllowed()
    {
        return Reply.json(405, message("HTTP 405 Method Not Allowed"));
    }

    private ObjectNode message(String text)
    {
        ObjectNode body = json.createObjectNode();
        body.put("message", text);
        return body;
    }

    private JsonNode parse(String body)
    {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Marathon's absolute form of an id: one leading slash, no trailing one. */
    private static String canonical(String id)
    {
        return "/" + id.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    private static String first(Map<String, List<String>> query, String name)
    {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Marathon's label selectors, in part: {@code key}, {@code key==value} and {@code key!=value}, comma-separated. */
    private static boolean labelsMatch(JsonNode labels, String selector)
    {
        for (String part : selector.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains("!=")) {
                String[] kv = s.split("!=", 2);
                if (labels.path(kv[0].strip()).asText("").equals(kv[1].strip())) {
                    return false;
                }
            }
            else if (s.contains("==")) {
                String[] kv = s.split("==", 2);
                if (!labels.has(kv[0].strip()) || !labels.path(kv[0].strip()).asText().equals(kv[1].strip())) {
                    return false;
                }
            }
            else if (!labels.has(s)) {
                return false;
            }
        }
        return true;
    }

    private String now()
    {
        return format(clock.instant());
    }

    private static String format(Instant instant)
    {
        return VERSION_FORMAT.format(instant);
    }
}
