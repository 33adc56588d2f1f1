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
 * <p>Tasks are real or simulated. When the bay runs on the local Docker engine ({@link #observeDocker}), the tasks
 * of an app with a Docker image are that engine's containers: {@link DockerTasks} makes them and reports what it
 * sees ({@link #observed}), and a deployment ends when the app's containers of the current version all run, as many
 * as wanted; a task that fails, or an image that cannot be launched, becomes the app's {@code lastTaskFailure}.
 * Otherwise (no engine, or an app with only a {@code cmd}, which Mesos would run on the slave itself) a deployment is
 * a timer: after {@code deploymentTime} its tasks count as running on the bay's slaves (its node addresses, in turn),
 * and such a task never fails. Health checks, groups, pods, versions history, the event bus and authentication are
 * absent. Simulated state is evaluated lazily against the clock.
 *
 * <p>Thread-safe: every request runs under this object's lock.
 */
final class MarathonApi
{
    /** Marathon's versions are instants with milliseconds, always three digits. */
    private static final DateTimeFormatter VERSION_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper();
    private final MarathonJson shapes;
    private final Clock clock;
    private final Duration deploymentTime;
    private final String leader;
    private final String stackApiAddress;
    private final List<String> slaves;
    private final String frameworkId = UUID.randomUUID() + "-0000";
    private final Map<String, StandInApp> apps = new TreeMap<>();
    private final Map<String, StandInApp.Deployment> deployments = new LinkedHashMap<>();
    private int nextSlave;
    /** Whether apps with an image run on the local Docker engine; then {@code wake} tells the runner of a change. */
    private boolean docker;
    private Runnable wake = () -> { };

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
        this.shapes = new MarathonJson(json, this.slaves);
    }

    /**
     * From now on, apps with a Docker image run on the local Docker engine: their tasks are what {@link #observed}
     * reports, and {@code wake} is run after each request that may change what is wanted.
     *
     * @param wake tells the runner to look again
     */
    synchronized void observeDocker(Runnable wake)
    {
        this.docker = true;
        this.wake = requireNonNull(wake, "wake is null");
    }

    /** @return whether the app's tasks are containers on the local Docker engine */
    private boolean real(StandInApp app)
    {
        return docker && app.image() != null;
    }

    /**
     * What the Docker runner must make true: each app with a Docker image, and how many of it.
     *
     * @return a snapshot
     */
    synchronized List<DockerTasks.Want> wants()
    {
        List<DockerTasks.Want> wants = new ArrayList<>();
        for (StandInApp app : apps.values()) {
            if (real(app)) {
                wants.add(new DockerTasks.Want(app.id, app.definition.deepCopy(), app.instances, app.version,
                        app.launchVersion));
            }
        }
        return wants;
    }

    /**
     * What the Docker runner saw: the tasks of each app (its containers), and the failures since its last report.
     * Observed deployments end here: an app's when exactly its target of tasks run, all of the current launch
     * version; a stop when none of the deleted app's tasks is left.
     *
     * @param tasks    by app id, oldest first; an app without containers may be absent
     * @param failures by app id, the newest failure of each
     */
    synchronized void observed(Map<String, List<StandInApp.Task>> tasks, Map<String, StandInApp.Failure> failures)
    {
        for (StandInApp app : apps.values()) {
            if (!real(app)) {
                continue;
            }
            app.tasks.clear();
            app.tasks.addAll(tasks.getOrDefault(app.id, List.of()));
            StandInApp.Failure failure = failures.get(app.id);
            if (failure != null) {
                app.lastTaskFailure = failure;
            }
        }
        for (Iterator<StandInApp.Deployment> it = deployments.values().iterator(); it.hasNext(); ) {
            StandInApp.Deployment d = it.next();
            if (!d.observed()) {
                continue;
            }
            StandInApp app = apps.get(d.appId());
            if (d.action().equals("StopApplication")) {
                // done when no task of the deleted app is left (an app created again since has newer versions)
                if (tasks.getOrDefault(d.appId(), List.of()).stream()
                        .noneMatch(t -> t.version().compareTo(d.version()) <= 0)) {
                    it.remove();
                }
                continue;
            }
            if (app == null || app.deployment != d) {
                it.remove();
                continue;
            }
            boolean done = app.tasks.size() == d.target() && app.tasks.stream()
                    .allMatch(t -> t.running() && t.launchVersion().equals(app.launchVersion));
            if (done) {
                it.remove();
                app.deployment = null;
            }
        }
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
    Reply handle(String method, String path, Map<String, List<String>> query, String body)
    {
        Reply reply = answer(method, path, query, body);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Runnable runner;
            synchronized (this) {
                runner = wake;
            }
            runner.run();
        }
        return reply;
    }

    private synchronized Reply answer(String method, String path, Map<String, List<String>> query, String body)
    {
        settle();
        String p = path.length() > 1 ? path.replaceAll("/+$", "") : path;
        if (p.equals("/ping")) {
            return method.equals("GET") || method.equals("HEAD") ? new Reply(200, "text/plain", "pong", Map.of())
                    : notAllowed();
        }
        if (p.equals("/v2/info")) {
            return method.equals("GET") ? Reply.json(200, shapes.info(leader, stackApiAddress, frameworkId)) : notAllowed();
        }
        if (p.equals("/v2/deployments")) {
            return method.equals("GET") ? Reply.json(200, shapes.deployments(deployments.values())) : notAllowed();
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
        StandInApp created = new StandInApp(id);
        String now = now();
        created.definition = MarathonJson.definition((ObjectNode) app);
        created.instances = app.path("instances").asInt(1);
        created.version = now;
        created.configChangedAt = now;
        created.launchVersion = now;
        apps.put(id, created);
        StandInApp.Deployment deployment = deploy(created, "StartApplication", created.instances);
        ObjectNode shown = shapes.app(created, false, false);
        return Reply.json(201, shown).withHeader("Location", "http://" + leader + "/v2/apps" + id)
                .withHeader("Marathon-Deployment-Id", deployment.id());
    }

    private Reply show(String rawId, List<String> embed)
    {
        StandInApp app = apps.get(canonical(rawId));
        if (app == null) {
            return missing(rawId);
        }
        boolean tasks = embed.contains("app.tasks") || embed.contains("app.failures");
        boolean failure = embed.contains("app.lastTaskFailure") || embed.contains("app.failures");
        ObjectNode body = json.createObjectNode();
        body.set("app", shapes.app(app, true, tasks, failure));
        return Reply.json(200, body);
    }

    private Reply update(String rawId, String body, boolean force)
    {
        String id = canonical(rawId);
        JsonNode patch = parse(body);
        if (patch == null || !patch.isObject()) {
            return invalidJson();
        }
        StandInApp app = apps.get(id);
        if (app == null) {
            // PUT creates an unknown app, from a full definition
            ObjectNode full = ((ObjectNode) patch).deepCopy();
            full.put("id", id);
            AppValidator.Outcome outcome = AppValidator.validate(full);
            if (!outcome.ok()) {
                return invalid(outcome);
            }
            StandInApp created = new StandInApp(id);
            created.definition = MarathonJson.definition(full);
            created.instances = full.path("instances").asInt(1);
            created.version = now();
            created.configChangedAt = created.version;
            created.launchVersion = created.version;
            apps.put(id, created);
            return deployed(201, deploy(created, "StartApplication", created.instances));
        }
        if (app.deployment != null && !force) {
            return locked(app);
        }
        ObjectNode merged = app.definition.deepCopy();
        patch.properties().forEach(e -> {
            if (!MarathonJson.READ_ONLY.contains(e.getKey()) && !e.getKey().equals("id") && !e.getKey().equals("instances")) {
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
            app.launchVersion = app.version;
            return deployed(200, deploy(app, "RestartApplication", instances));
        }
        return deployed(200, deploy(app, "ScaleApplication", instances));
    }

    private Reply restart(String rawId, boolean force)
    {
        StandInApp app = apps.get(canonical(rawId));
        if (app == null) {
            return missing(rawId);
        }
        if (app.deployment != null && !force) {
            return locked(app);
        }
        cancel(app);
        app.version = now();
        app.launchVersion = app.version;
        return deployed(200, deploy(app, "RestartApplication", app.instances));
    }

    private Reply delete(String rawId, boolean force)
    {
        String id = canonical(rawId);
        StandInApp app = apps.get(id);
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
        StandInApp app = apps.get(canonical(rawId));
        if (app == null) {
            return missing(rawId);
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode tasks = body.putArray("tasks");
        app.tasks.forEach(t -> tasks.add(shapes.task(app, t)));
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
        for (StandInApp app : apps.values()) {
            if (idFilter != null && !app.id.contains(idFilter)) {
                continue;
            }
            if (cmdFilter != null && !app.definition.path("cmd").asText("").contains(cmdFilter)) {
                continue;
            }
            if (labelFilter != null && !labelsMatch(app.definition.path("labels"), labelFilter)) {
                continue;
            }
            list.add(shapes.app(app, true, tasks, failure));
        }
        return body;
    }

    // ---- deployments

    private StandInApp.Deployment deploy(StandInApp app, String action, int target)
    {
        StandInApp.Deployment deployment = new StandInApp.Deployment(UUID.randomUUID().toString(), app.version, action, app.id,
                clock.instant().plus(deploymentTime), target, real(app));
        deployments.put(deployment.id(), deployment);
        if (!action.equals("StopApplication")) {
            app.deployment = deployment;
        }
        return deployment;
    }

    /** A newer deployment (forced) replaces the one running; what it had done so far stays done. */
    private void cancel(StandInApp app)
    {
        if (app.deployment != null) {
            deployments.remove(app.deployment.id());
            app.deployment = null;
        }
    }

    /** Finishes every simulated deployment whose time is up. */
    private void settle()
    {
        Instant now = clock.instant();
        for (Iterator<StandInApp.Deployment> it = deployments.values().iterator(); it.hasNext(); ) {
            StandInApp.Deployment d = it.next();
            if (d.observed() || d.finishAt().isAfter(now)) {
                continue;
            }
            it.remove();
            StandInApp app = apps.get(d.appId());
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
                app.tasks.add(new StandInApp.Task(app.id.substring(1).replace('/', '_') + "." + UUID.randomUUID(), host,
                        d.version(), started, app.version));
            }
        }
    }

    // ---- replies and helpers

    private Reply deployed(int status, StandInApp.Deployment deployment)
    {
        ObjectNode body = json.createObjectNode();
        body.put("deploymentId", deployment.id());
        body.put("version", deployment.version());
        return Reply.json(status, body).withHeader("Marathon-Deployment-Id", deployment.id());
    }

    private Reply locked(StandInApp app)
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

    /**
     * @param instant a time
     * @return it as Marathon writes times and versions
     */
    static String format(Instant instant)
    {
        return VERSION_FORMAT.format(instant);
    }
}
