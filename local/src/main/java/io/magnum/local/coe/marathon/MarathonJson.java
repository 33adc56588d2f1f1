package io.magnum.local.coe.marathon;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.magnum.local.coe.marathon.StandInApp.Deployment;
import io.magnum.local.coe.marathon.StandInApp.Task;

/**
 * The stand-in's JSON, in the shapes of Marathon's REST documentation: apps with Marathon's defaults for every field
 * the user left out, tasks, deployments and {@code /v2/info}.
 */
final class MarathonJson
{
    /** The Marathon version the stand-in reports in {@code /v2/info}. */
    static final String VERSION = "1.4.0-magnum4j-local";

    /** Fields Marathon computes; ignored in what a user sends. */
    static final Set<String> READ_ONLY = Set.of("version", "versionInfo", "tasksStaged", "tasksRunning",
            "tasksHealthy", "tasksUnhealthy", "deployments", "tasks", "lastTaskFailure", "taskStats", "readiness");

    private final ObjectMapper json;
    private final List<String> slaves;

    /**
     * @param json   the mapper
     * @param slaves the bay's node addresses, whose index names a task's slave
     */
    MarathonJson(ObjectMapper json, List<String> slaves)
    {
        this.json = json;
        this.slaves = slaves;
    }

    /**
     * @param leader          the stand-in's host:port
     * @param stackApiAddress the bay's master address
     * @param frameworkId     the framework id it reports
     * @return {@code /v2/info}
     */
    ObjectNode info(String leader, String stackApiAddress, String frameworkId)
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

    /**
     * @param deployments the deployments that run
     * @return {@code /v2/deployments}
     */
    ArrayNode deployments(Collection<Deployment> deployments)
    {
        ArrayNode list = json.createArrayNode();
        for (Deployment d : deployments) {
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


    /**
     * @param app       the app
     * @param counts    with tasksRunning and the other counts
     * @param withTasks with its tasks
     * @return the app as Marathon shows it
     */
    ObjectNode app(StandInApp app, boolean counts, boolean withTasks)
    {
        return app(app, counts, withTasks, false);
    }

    /**
     * @param app         the app
     * @param counts      with tasksRunning and the other counts
     * @param withTasks   with its tasks
     * @param withFailure with its {@code lastTaskFailure}, when it has one
     * @return the app as Marathon shows it
     */
    ObjectNode app(StandInApp app, boolean counts, boolean withTasks, boolean withFailure)
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
        app.definition.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        out.put("version", app.version);
        ObjectNode versionInfo = out.putObject("versionInfo");
        versionInfo.put("lastScalingAt", app.version);
        versionInfo.put("lastConfigChangeAt", app.configChangedAt);
        if (counts) {
            int running = (int) app.tasks.stream().filter(Task::running).count();
            int waiting = app.deployment == null ? 0 : Math.max(0, app.deployment.target() - app.tasks.size());
            out.put("tasksStaged", app.tasks.size() - running + waiting);
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
        if (withFailure && app.lastTaskFailure != null) {
            StandInApp.Failure f = app.lastTaskFailure;
            ObjectNode failure = out.putObject("lastTaskFailure");
            failure.put("appId", app.id);
            failure.put("host", f.host());
            failure.put("message", f.message());
            failure.put("state", f.state());
            failure.put("taskId", f.taskId());
            failure.put("timestamp", f.timestamp());
            failure.put("version", f.version());
            failure.put("slaveId", slaveId(f.host()));
        }
        return out;
    }

    /**
     * @param app the task's app
     * @param t   the task
     * @return the task as Marathon shows it
     */
    ObjectNode task(StandInApp app, Task t)
    {
        ObjectNode task = json.createObjectNode();
        task.put("id", t.id());
        task.put("appId", app.id);
        task.put("host", t.host());
        task.putArray("ports");
        task.putArray("ipAddresses").addObject().put("ipAddress", t.ipAddress()).put("protocol", "IPv4");
        task.put("stagedAt", t.stagedAt());
        if (t.startedAt() == null) {
            task.putNull("startedAt");
        }
        else {
            task.put("startedAt", t.startedAt());
        }
        task.put("version", t.version());
        task.put("state", t.state());
        task.put("slaveId", slaveId(t.host()));
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

    /**
     * The definition to keep: what the user sent, without status fields, id and instances (kept apart).
     *
     * @param app what the user sent
     * @return the definition
     */
    static ObjectNode definition(ObjectNode app)
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

    private String slaveId(String host)
    {
        return "S" + Math.max(0, slaves.indexOf(host));
    }
}
