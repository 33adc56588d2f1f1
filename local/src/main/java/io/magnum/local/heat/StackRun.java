package io.magnum.local.heat;

import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One stack (top-level or nested) and the operation running on it. Every method runs under the engine's lock;
 * scheduled steps carry the generation they were scheduled in and do nothing once a newer operation began.
 */
final class StackRun
{
    final LocalHeat heat;
    final String id;
    final String name;
    final StackRun parent;
    final ResourceState parentResource;
    final boolean groupChild;
    final String prefix;
    final List<StackEvent> events;
    final Instant createdAt;

    HotTemplate template;
    String templateText;
    Map<String, String> files;
    Map<String, String> registry;
    Map<String, Object> givenParameters;
    Map<String, Object> params = new LinkedHashMap<>();
    Map<String, Boolean> conditionValues = new LinkedHashMap<>();
    final Map<String, ResourceState> resources = new LinkedHashMap<>();
    int timeoutMinutes;

    String action = "INIT";
    String state = "COMPLETE";
    String reason = "";
    String failureDetail = "";
    Instant updatedAt;

    // the running operation
    long generation;
    private String op;
    private boolean over;
    private final Set<String> done = new HashSet<>();
    private final Set<String> running = new HashSet<>();
    private Set<String> deleting = new LinkedHashSet<>();
    private Runnable afterDeleting;
    Consumer<StackRun> onFinish;

    private Map<String, Object> outputsCache;
    private long outputsVersion = -1;

    StackRun(LocalHeat heat, StackRun parent, ResourceState parentResource, boolean groupChild, String name,
            String templateText, HotTemplate template, Map<String, String> files, Map<String, String> registry,
            Map<String, Object> givenParameters, int timeoutMinutes)
    {
        this.heat = heat;
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.parent = parent;
        this.parentResource = parentResource;
        this.groupChild = groupChild;
        this.prefix = parent == null ? "" : parent.pathOf(parentResource) + ".";
        this.events = new ArrayList<>();
        this.createdAt = heat.now();
        this.templateText = templateText;
        this.template = template;
        this.files = files;
        this.registry = registry;
        this.givenParameters = givenParameters;
        this.timeoutMinutes = timeoutMinutes;
    }

    String pathOf(ResourceState r)
    {
        return prefix + localPathOf(r);
    }

    /**
     * A resource's path within its own stack, as Heat's failure reasons name it there ({@code resources.node}, or
     * {@code resources[0]} in a group's stack); a parent resource puts its own path before it
     * ({@link #nestedReason}).
     */
    String localPathOf(ResourceState r)
    {
        return groupChild ? "resources[" + r.name + "]" : "resources." + r.name;
    }

    /**
     * The stack's events and those of the nested stacks it still has, oldest first, as Heat lists them with
     * {@code nested_depth}: a nested stack that was deleted (a group member removed by a scale-down) takes its events
     * with it.
     */
    List<StackEvent> allEvents()
    {
        List<StackEvent> all = new ArrayList<>(events);
        for (ResourceState r : resources.values()) {
            if (r.nested != null) {
                all.addAll(r.nested.allEvents());
            }
        }
        all.sort(Comparator.comparingLong(e -> Long.parseLong(e.id())));
        return all;
    }

    // ---------------------------------------------------------------- preparing and validating

    /** Resolves parameters and conditions and checks the template statically; throws what Heat answers with 400. */
    void prepare(boolean nestedProperties)
    {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (String given : givenParameters.keySet()) {
            if (!template.parameters.containsKey(given)) {
                throw new InvalidStackException(nestedProperties
                        ? "Property error: " + prefix.replaceAll("\\.$", "") + ".properties: Unknown Property " + given
                        : "The Parameter (" + given + ") was not defined in template.");
            }
        }
        for (ParameterSpec spec : template.parameters.values()) {
            resolved.put(spec.name, spec.resolve(givenParameters.get(spec.name), heat.inventory()));
        }
        params = resolved;
        conditionValues = new LinkedHashMap<>();
        Evaluator evaluator = evaluator();
        for (String condition : template.conditions.keySet()) {
            conditionValues.put(condition, evaluator.condition(template.conditions.get(condition)));
        }
        Map<String, ResourceState> next = new LinkedHashMap<>();
        for (HotTemplate.ResourceDef def : template.resources.values()) {
            String type = heat.resolveType(def.type(), registry, files);
            ResourceState r = resources.get(def.name());
            if (r == null || !r.type.equals(type) || r.action.equals("INIT")) {
                r = new ResourceState(def.name(), def, type);
            }
            r.def = def;
            r.active = def.condition() == null || evaluator.condition(def.condition());
            Set<String> deps = new LinkedHashSet<>(def.dependsOn());
            deps.addAll(Evaluator.references(def.properties(), template.version));
            deps.addAll(Evaluator.references(def.metadata(), template.version));
            for (String dep : deps) {
                if (!template.resources.containsKey(dep)) {
                    throw new InvalidStackException("The specified reference \"" + dep + "\" (in " + def.name()
                            + ") is incorrect.");
                }
            }
            r.dependsOn = deps;
            heat.checkStatically(this, r);
            next.put(def.name(), r);
        }
        // as in Heat, a resource whose condition is false is not in the stack: only a chosen if-branch may name it
        for (ResourceState r : next.values()) {
            if (!r.active) {
                continue;
            }
            Set<String> strict = Evaluator.strictReferences(r.def.properties(), template.version);
            strict.addAll(r.def.dependsOn());
            for (String ref : strict) {
                if (!next.get(ref).active) {
                    throw new InvalidStackException("The specified reference \"" + ref + "\" (in " + r.name + ") is incorrect.");
                }
            }
        }
        checkCycles(next);
        checkFiles(template.resources.values());
        staleResources.clear();
        for (Map.Entry<String, ResourceState> old : resources.entrySet()) {
            if (old.getValue().action.equals("INIT")) {
                continue;
            }
            if (!next.containsKey(old.getKey())) {
                staleResources.put(old.getKey(), old.getValue());
            }
            else if (next.get(old.getKey()) != old.getValue()) {
                // replaced by a resource of another type: the old one goes once the new one stands
                staleResources.put(old.getKey() + "#replaced", old.getValue());
            }
        }
        resources.clear();
        resources.putAll(next);
    }

    private final Map<String, ResourceState> staleResources = new LinkedHashMap<>();

    private void checkFiles(Iterable<HotTemplate.ResourceDef> defs)
    {
        for (HotTemplate.ResourceDef def : defs) {
            if (def.properties() instanceof Map<?, ?> properties) {
                for (Map.Entry<?, ?> property : properties.entrySet()) {
                    try {
                        checkFiles(property.getValue());
                    }
                    catch (InvalidStackException e) {
                        // a property that cannot be resolved: Heat names the property
                        throw new InvalidStackException(LocalHeat.propertyError(this, def.name(), "." + property.getKey())
                                + e.getMessage());
                    }
                }
            }
        }
        for (HotTemplate.OutputDef output : template.outputs.values()) {
            checkFiles(output.value());
        }
    }

    private void checkFiles(Object root)
    {
        Set<String> fns = Evaluator.functionsOf(template.version);
        List<Object> nodes = new ArrayList<>();
        nodes.add(root);
        while (!nodes.isEmpty()) {
            Object node = nodes.remove(nodes.size() - 1);
            String fn = Evaluator.functionName(node, fns);
            if ("get_file".equals(fn)) {
                Object arg = ((Map<?, ?>) node).values().iterator().next();
                if (arg instanceof String path && !files.containsKey(path)) {
                    throw new InvalidStackException("No content found in the \"files\" section for get_file path: " + path);
                }
            }
            if (node instanceof Map<?, ?> map) {
                nodes.addAll(map.values());
            }
            else if (node instanceof List<?> list) {
                nodes.addAll(list);
            }
        }
    }

    private static void checkCycles(Map<String, ResourceState> all)
    {
        Map<String, Integer> marks = new LinkedHashMap<>();
        for (String start : all.keySet()) {
            visit(start, all, marks, new ArrayList<>());
        }
    }

    private static void visit(String node, Map<String, ResourceState> all, Map<String, Integer> marks, List<String> path)
    {
        Integer mark = marks.get(node);
        if (mark != null && mark == 2) {
            return;
        }
        if (mark != null && mark == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            throw new InvalidStackException("Circular Dependency Found: " + String.join(" -> ", cycle));
        }
        marks.put(node, 1);
        path.add(node);
        for (String dep : all.get(node).dependsOn) {
            visit(dep, all, marks, path);
        }
        path.remove(path.size() - 1);
        marks.put(node, 2);
    }

    Evaluator evaluator()
    {
        return new Evaluator(template.version, new Evaluator.Scope()
        {
            @Override
            public Object param(String paramName)
            {
                if (params.containsKey(paramName)) {
                    return params.get(paramName);
                }
                return switch (paramName) {
                    case "OS::stack_name" -> name;
                    case "OS::stack_id" -> id;
                    case "OS::project_id" -> "local";
                    default -> throw new InvalidStackException("The Parameter (" + paramName + ") was not provided.");
                };
            }

            @Override
            public Object resourceRef(String resourceName)
            {
                ResourceState r = resources.get(resourceName);
                return r == null || !r.active || r.physicalId.isEmpty() ? null : refOf(r);
            }

            @Override
            public Object resourceAttr(String resourceName, String attribute, List<?> path)
            {
                return attributeOf(resources.get(resourceName), attribute, path);
            }

            @Override
            public Map<String, Object> allAttributes(String resourceName)
            {
                ResourceState r = resources.get(resourceName);
                return r == null ? Map.of() : new LinkedHashMap<>(r.attributes);
            }

            @Override
            public boolean condition(String conditionName)
            {
                Boolean value = conditionValues.get(conditionName);
                if (value == null) {
                    throw new InvalidStackException("Invalid condition \"" + conditionName + "\"");
                }
                return value;
            }

            @Override
            public String file(String path)
            {
                return files.get(path);
            }

            @Override
            public Object facade(String section)
            {
                if (parentResource == null) {
                    return null;
                }
                return switch (section) {
                    case "metadata" -> parentResource.def.metadata();
                    case "deletion_policy" -> parentResource.def.deletionPolicy();
                    case "update_policy" -> parentResource.def.updatePolicy();
                    default -> throw new InvalidStackException("Invalid argument to \"resource_facade\": " + section);
                };
            }

            @Override
            public boolean hasResource(String resourceName)
            {
                return resources.containsKey(resourceName);
            }
        });
    }

    Object attributeOf(ResourceState r, String attribute)
    {
        return attributeOf(r, attribute, List.of());
    }

    /** An attribute, then a path into it; a group applies the path to each member's value, as Heat does. */
    Object attributeOf(ResourceState r, String attribute, List<?> path)
    {
        if (r != null && r.type.equals(ResourceTypes.GROUP) && r.active && !r.physicalId.isEmpty()) {
            return groupAttribute(r, attribute, path);
        }
        return Evaluator.walk(attributeOf0(r, attribute), path, "get_attr " + (r == null ? "" : r.name));
    }

    private Object attributeOf0(ResourceState r, String attribute)
    {
        if (r == null || !r.active || r.physicalId.isEmpty()) {
            return null;
        }
        if (attribute.equals("show")) {
            Map<String, Object> show = new LinkedHashMap<>(r.properties);
            show.putAll(r.attributes);
            show.put("id", r.physicalId);
            return show;
        }
        if (r.nested != null) {
            if (attribute.equals("OS::stack_id")) {
                return r.nested.id;
            }
            if (!r.nested.template.outputs.containsKey(attribute)) {
                throw new InvalidStackException("The Referenced Attribute (" + r.name + " " + attribute + ") is incorrect.");
            }
            return r.nested.outputs().get(attribute);
        }
        ResourceTypes.Type type = heat.types().get(r.type);
        if (type != null && type.attributes() != null && !type.attributes().contains(attribute)) {
            throw new InvalidStackException("The Referenced Attribute (" + r.name + " " + attribute + ") is incorrect.");
        }
        return r.attributes.get(attribute);
    }

    private Object groupAttribute(ResourceState group, String attribute, List<?> path)
    {
        StackRun members = group.nested;
        if (members == null) {
            return null;
        }
        List<ResourceState> ordered = members.membersInOrder();
        switch (attribute) {
            case "refs":
                return Evaluator.walk(ordered.stream().map(members::refOf).toList(), path, "get_attr " + group.name);
            case "refs_map": {
                Map<String, Object> map = new LinkedHashMap<>();
                ordered.forEach(m -> map.put(m.name, members.refOf(m)));
                return Evaluator.walk(map, path, "get_attr " + group.name);
            }
            case "removed_rsrc_list":
                return Evaluator.walk(group.attributes.getOrDefault("removed_rsrc_list", List.of()), path, "get_attr " + group.name);
            default:
                break;
        }
        if (attribute.startsWith("resource.")) {
            String rest = attribute.substring("resource.".length());
            int dot = rest.indexOf('.');
            String member = dot < 0 ? rest : rest.substring(0, dot);
            ResourceState m = members.resources.get(member);
            if (m == null) {
                throw new InvalidStackException("Member '" + member + "' not found in group resource '" + group.name + "'.");
            }
            return dot < 0 ? Evaluator.walk(members.refOf(m), path, "get_attr " + group.name)
                    : members.attributeOf(m, rest.substring(dot + 1), path);
        }
        List<Object> values = new ArrayList<>();
        for (ResourceState m : ordered) {
            values.add(members.attributeOf(m, attribute, path));
        }
        return values;
    }

    /**
     * What get_resource gives: the physical id, or for a template resource whose template has an
     * {@code OS::stack_id} output, that output (Heat's rule, which Magnum uses to name minions by address).
     */
    Object refOf(ResourceState r)
    {
        if (r.nested != null && r.nested.template.outputs.containsKey("OS::stack_id")) {
            Object ref = r.nested.outputs().get("OS::stack_id");
            if (ref != null) {
                return ref;
            }
        }
        return r.physicalId;
    }

    List<ResourceState> membersInOrder()
    {
        List<ResourceState> list = new ArrayList<>(resources.values());
        list.sort(Comparator.comparingLong(r -> indexOf(r.name)));
        return list.stream().filter(r -> r.active && !r.action.equals("INIT")).toList();
    }

    static long indexOf(String memberName)
    {
        try {
            return Long.parseLong(memberName);
        }
        catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- create and update

    void startCreate()
    {
        begin("CREATE");
        advance();
    }

    /** Starts an update to the template and parameters already prepared. */
    void startUpdate()
    {
        begin("UPDATE");
        advance();
    }

    private void begin(String operation)
    {
        generation++;
        op = operation;
        over = false;
        done.clear();
        running.clear();
        action = operation;
        state = "IN_PROGRESS";
        reason = "Stack " + operation + " started";
        failureDetail = "";
        updatedAt = heat.now();
        stackEvent();
        // the stack's timeout bounds every operation, a delete's too (the real Heat ends it DELETE_FAILED "Timed out")
        if (parent == null && timeoutMinutes > 0) {
            long gen = generation;
            heat.schedule(heat.minutes(timeoutMinutes), () -> timedOut(gen));
        }
    }

    private void timedOut(long gen)
    {
        if (gen != generation || over) {
            return;
        }
        generation++;
        for (String r : running) {
            ResourceState resource = resources.get(r);
            if (resource.nested != null) {
                resource.nested.cancel();
            }
            resource.state = "FAILED";
            // as the real Heat's convergence engine words it
            resource.reason = op + " aborted (Task " + op.toLowerCase() + " from " + heat.className(resource.type) + " \""
                    + resource.name + "\" Stack \"" + name + "\" [" + id + "] Timed out)";
            resourceEvent(resource);
        }
        running.clear();
        // the convergence engine's reason (the legacy engine's was "Create timed out")
        finish(false, "Timed out");
    }

    /**
     * Cancels this nested stack's operation because its parent's timed out, with the events Heat's convergence engine
     * writes: each nested stack in progress is cancelled too, and each ends {@code Stack CREATE cancelled}; the
     * resources that were running stop without an event. The parent is not told: it ends its own operation. (The
     * real Heat sometimes also fails the resource of a cancelled nested stack, {@code resources[0]: Stack CREATE
     * cancelled}, depending on timing; this does not.)
     */
    void cancel()
    {
        if (over || !state.equals("IN_PROGRESS")) {
            cancelNested();
            return;
        }
        generation++;
        over = true;
        for (String name : running) {
            ResourceState r = resources.get(name);
            if (r.nested != null) {
                r.nested.cancel();
            }
        }
        running.clear();
        cancelNested();
        state = "FAILED";
        reason = "Stack " + op + " cancelled";
        updatedAt = heat.now();
        stackEvent();
    }

    void cancelNested()
    {
        generation++;
        for (ResourceState r : resources.values()) {
            if (r.nested != null) {
                r.nested.cancelNested();
            }
        }
    }

    private void advance()
    {
        if (over) {
            return;
        }
        boolean progressed = false;
        for (ResourceState r : resources.values()) {
            if (done.contains(r.name) || running.contains(r.name)) {
                continue;
            }
            if (!r.active) {
                done.add(r.name);
                continue;
            }
            boolean ready = true;
            for (String dep : r.dependsOn) {
                ResourceState d = resources.get(dep);
                if (d != null && d.active && !done.contains(dep)) {
                    ready = false;
                    break;
                }
            }
            if (ready) {
                progressed = true;
                startResource(r);
            }
        }
        if (!progressed && running.isEmpty() && done.containsAll(resources.keySet())) {
            forwardDone();
        }
    }

    private void startResource(ResourceState r)
    {
        running.add(r.name);
        long gen = generation;
        boolean fresh = r.action.equals("INIT") || (r.action.equals("CREATE") && !r.state.equals("COMPLETE"));
        if (fresh) {
            r.action = "CREATE";
            r.state = "IN_PROGRESS";
            r.reason = "state changed";
            resourceEvent(r);
            heat.schedule(heat.latency(r.type), () -> createResource(r, gen));
        }
        else {
            heat.schedule(Duration.ZERO, () -> updateResource(r, gen));
        }
    }

    private void createResource(ResourceState r, long gen)
    {
        if (gen != generation || over) {
            return;
        }
        try {
            r.properties = HotTemplate.mapOf(evaluator().eval(r.def.properties()), "properties");
            LocalHeat.Fault fault = heat.faultFor(r.name, "create");
            if (fault != null && fault.hang() && !r.type.equals(ResourceTypes.WAIT_CONDITION)) {
                return;
            }
            if (fault != null && !fault.hang()) {
                throw new ResourceFailure(fault.errorType(), fault.reason());
            }
            heat.checkProperties(this, r);
            r.physicalId = UUID.randomUUID().toString();
            heat.register(r);
            if (r.type.equals(ResourceTypes.GROUP)) {
                heat.createGroup(this, r, gen);
                return;
            }
            if (heat.isTemplate(r.type)) {
                heat.createNested(this, r, gen);
                return;
            }
            if (r.type.equals(ResourceTypes.TEST_RESOURCE)) {
                createTestResource(r, gen);
                return;
            }
            r.attributes = heat.create(this, r, r.properties);
            if (r.type.equals(ResourceTypes.WAIT_CONDITION)) {
                LocalHeat.Fault hang = heat.faultFor(r.name, "signal");
                if (hang != null) {
                    double seconds = Values.number(r.properties.get("timeout")).doubleValue();
                    heat.schedule(heat.seconds(seconds), () -> {
                        if (gen == generation && !over && running.contains(r.name)) {
                            resourceFailed(r, "WaitConditionTimeout", localPathOf(r) + ": 0 of "
                                    + (r.properties.get("count") == null ? 1 : r.properties.get("count")) + " received");
                        }
                    });
                    return;
                }
            }
            resourceDone(r, gen);
        }
        catch (ResourceFailure e) {
            resourceFailed(r, e.errorType, e.getMessage().startsWith("Property error: ") ? e.getMessage().replaceFirst(
                    "^Property error: resources\\.", "Property error: " + prefix + (groupChild ? "resources[" : "resources."))
                    .replaceFirst("^(Property error: .*resources\\[" + java.util.regex.Pattern.quote(r.name) + ")\\.", "$1].")
                    : localPathOf(r) + ": " + e.getMessage());
        }
        catch (InvalidStackException e) {
            resourceFailed(r, "StackValidationFailed", localPathOf(r) + ": " + e.getMessage());
        }
    }

    /**
     * An OS::Heat::TestResource as Heat's runs: it takes its wait ({@link #testWait}) and then completes, or, with
     * {@code fail}, fails ({@code ValueError: resources.x: Test Resource failed x}) without an output.
     */
    private void createTestResource(ResourceState r, long gen)
    {
        boolean fail = r.properties.get("fail") != null && ResourceTypes.bool(r.properties.get("fail"));
        r.attributes = fail ? new LinkedHashMap<>() : heat.create(this, r, r.properties);
        Runnable end = fail ? () -> {
            if (gen == generation && !over && running.contains(r.name)) {
                resourceFailed(r, "ValueError", localPathOf(r) + ": Test Resource failed " + r.name);
            }
        } : () -> resourceDone(r, gen);
        Duration wait = testWait(r.properties, "create");
        if (wait == null) {
            return; // a negative wait lasts for ever
        }
        if (wait.isZero()) {
            end.run();
        }
        else {
            heat.schedule(wait, end);
        }
    }

    /**
     * How long an OS::Heat::TestResource takes for an action, by Heat's rule: {@code action_wait_secs.<action>},
     * else {@code wait_secs}, else nothing; a negative wait never ends.
     *
     * @return the wait, or null for one that never ends
     */
    static Duration testWait(Map<String, Object> properties, String action)
    {
        Object perAction = properties.get("action_wait_secs") instanceof Map<?, ?> waits ? waits.get(action) : null;
        Object secs = perAction != null ? perAction : properties.get("wait_secs");
        double seconds = secs == null ? 0 : Values.number(secs).doubleValue();
        return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
    }

    private void updateResource(ResourceState r, long gen)
    {
        if (gen != generation || over) {
            return;
        }
        try {
            Map<String, Object> newProperties = HotTemplate.mapOf(evaluator().eval(r.def.properties()), "properties");
            if (r.type.equals(ResourceTypes.GROUP)) {
                beginUpdate(r, newProperties);
                heat.checkProperties(this, r);
                heat.updateGroup(this, r, gen);
                return;
            }
            if (heat.isTemplate(r.type)) {
                // as Heat does, a template resource always updates its nested stack (with its events), and lets the
                // resources in it decide whether they change
                beginUpdate(r, newProperties);
                heat.updateNested(this, r, gen);
                return;
            }
            if (newProperties.equals(r.properties)) {
                unchanged(r);
                return;
            }
            Object oldValue = r.properties.get("value");
            beginUpdate(r, newProperties);
            heat.checkProperties(this, r);
            Duration wait = heat.latency(r.type);
            if (r.type.equals(ResourceTypes.TEST_RESOURCE) && !Objects.equals(newProperties.get("value"), oldValue)) {
                Duration test = testWait(newProperties, "update");
                if (test == null) {
                    return; // a negative wait lasts for ever
                }
                wait = wait.plus(test);
            }
            if (heat.recomputedOnUpdate(r.type)) {
                r.attributes = heat.create(this, r, newProperties);
            }
            heat.schedule(wait, () -> resourceDone(r, gen));
        }
        catch (ResourceFailure e) {
            resourceFailed(r, e.errorType, localPathOf(r) + ": " + e.getMessage());
        }
        catch (InvalidStackException e) {
            resourceFailed(r, "StackValidationFailed", localPathOf(r) + ": " + e.getMessage());
        }
    }

    // a resource whose definition did not change is kept as it is, without an event, as Heat does
    private void unchanged(ResourceState r)
    {
        done.add(r.name);
        running.remove(r.name);
        advance();
    }

    private void beginUpdate(ResourceState r, Map<String, Object> newProperties)
    {
        r.action = "UPDATE";
        r.state = "IN_PROGRESS";
        r.reason = "state changed";
        resourceEvent(r);
        r.properties = newProperties;
    }

    void resourceDone(ResourceState r, long gen)
    {
        if (gen != generation || over) {
            return;
        }
        r.state = "COMPLETE";
        r.reason = "state changed";
        resourceEvent(r);
        running.remove(r.name);
        done.add(r.name);
        advance();
    }

    void resourceFailed(ResourceState r, String errorType, String message)
    {
        failed(r, errorType + ": " + message);
    }

    /** A resource failed with a reason in Heat's form; so does the operation. */
    private void failed(ResourceState r, String reason)
    {
        r.state = "FAILED";
        r.reason = reason;
        resourceEvent(r);
        running.remove(r.name);
        failureDetail = reason;
        finish(false, "Resource " + op + " failed: " + reason);
    }

    /** A nested stack of resource r finished its operation. */
    void nestedFinished(ResourceState r, StackRun child, long gen)
    {
        if (gen != generation || over) {
            return;
        }
        if (child.state.equals("COMPLETE")) {
            resourceDone(r, gen);
            return;
        }
        failed(r, nestedReason(r, child));
    }

    private static final java.util.regex.Pattern TYPED_PATH =
            java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_.]*: )(resources[.\\[].*)", java.util.regex.Pattern.DOTALL);

    /**
     * Why a resource failed when its nested stack did, as Heat words it: the nested stack's reason with this
     * resource's path put before the path it names ({@code ValueError: resources.node: ...} becomes
     * {@code ValueError: resources[0].resources.node: ...}), or before the whole reason when it names none
     * ({@code resources[0]: Stack CREATE cancelled}). Property errors keep the full path they already carry.
     */
    private String nestedReason(ResourceState r, StackRun child)
    {
        String detail = child.failureDetail.isEmpty() ? child.reason : child.failureDetail;
        if (detail.contains("Property error: ")) {
            return detail;
        }
        java.util.regex.Matcher typed = TYPED_PATH.matcher(detail);
        if (typed.matches()) {
            return typed.group(1) + localPathOf(r) + "." + typed.group(2);
        }
        return localPathOf(r) + ": " + detail;
    }

    private void forwardDone()
    {
        if (!staleResources.isEmpty()) {
            // an update removes what the new template no longer has, once everything else is in place
            Map<String, ResourceState> stale = new LinkedHashMap<>(staleResources);
            staleResources.clear();
            resources.putAll(stale);
            startDeleting(stale.keySet(), () -> {
                stale.keySet().forEach(resources::remove);
                finish(true, "Stack " + op + " completed successfully");
            });
            return;
        }
        finish(true, "Stack " + op + " completed successfully");
    }

    // ---------------------------------------------------------------- delete

    void startDelete()
    {
        cancelNested();
        begin("DELETE");
        Set<String> names = new LinkedHashSet<>();
        for (ResourceState r : resources.values()) {
            if (!r.action.equals("INIT") && !(r.action.equals("DELETE") && r.state.equals("COMPLETE"))) {
                names.add(r.name);
            }
        }
        startDeleting(names, () -> finish(true, "Stack DELETE completed successfully"));
    }

    private void startDeleting(Set<String> names, Runnable then)
    {
        deleting = new LinkedHashSet<>(names);
        afterDeleting = then;
        done.clear();
        running.clear();
        deleteAdvance();
    }

    private void deleteAdvance()
    {
        if (over) {
            return;
        }
        if (done.containsAll(deleting)) {
            Runnable then = afterDeleting;
            afterDeleting = null;
            if (then != null) {
                then.run();
            }
            return;
        }
        for (String name : deleting) {
            if (done.contains(name) || running.contains(name)) {
                continue;
            }
            boolean free = true;
            for (String other : deleting) {
                if (!done.contains(other) && !other.equals(name) && resources.get(other).dependsOn.contains(resources.get(name).name)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                ResourceState r = resources.get(name);
                running.add(name);
                r.action = "DELETE";
                r.state = "IN_PROGRESS";
                r.reason = "state changed";
                resourceEvent(r);
                long gen = generation;
                heat.schedule(heat.latency(r.type), () -> deleteResource(r, gen));
            }
        }
    }

    private void deleteResource(ResourceState r, long gen)
    {
        if (gen != generation || over) {
            return;
        }
        LocalHeat.Fault fault = heat.faultFor(r.name, "delete");
        if (fault != null) {
            failed(r, fault.errorType() + ": " + localPathOf(r) + ": " + fault.reason());
            return;
        }
        if (r.nested != null) {
            StackRun child = r.nested;
            child.onFinish = c -> {
                if (gen != generation || over) {
                    return;
                }
                if (c.state.equals("COMPLETE")) {
                    resourceDeleted(r, gen);
                }
                else {
                    failed(r, nestedReason(r, c));
                }
            };
            child.startDelete();
            return;
        }
        if (r.type.equals(ResourceTypes.TEST_RESOURCE)) {
            // Heat's TestResource takes its wait to go away too
            Duration wait = testWait(r.properties, "delete");
            if (wait == null) {
                return;
            }
            if (!wait.isZero()) {
                heat.schedule(wait, () -> resourceDeleted(r, gen));
                return;
            }
        }
        resourceDeleted(r, gen);
    }

    private void resourceDeleted(ResourceState r, long gen)
    {
        if (gen != generation || over) {
            return;
        }
        if (!r.def.deletionPolicy().equals("Retain")) {
            heat.unregister(r);
        }
        r.state = "COMPLETE";
        r.reason = "state changed";
        resourceEvent(r);
        running.remove(r.name);
        done.add(r.name);
        deleteAdvance();
    }

    // ---------------------------------------------------------------- finishing and views

    private void finish(boolean success, String why)
    {
        if (over) {
            return;
        }
        over = true;
        state = success ? "COMPLETE" : "FAILED";
        reason = why;
        updatedAt = heat.now();
        stackEvent();
        if (!success) {
            cancelNested();
        }
        if (onFinish != null) {
            onFinish.accept(this);
        }
        if (parent == null && action.equals("DELETE") && success) {
            heat.forget(this);
        }
    }

    private void stackEvent()
    {
        heat.changed();
        events.add(new StackEvent(heat.nextEventId(), name, id, action + "_" + state, reason, heat.now()));
    }

    private void resourceEvent(ResourceState r)
    {
        heat.changed();
        r.updatedAt = heat.now();
        events.add(new StackEvent(heat.nextEventId(), r.name, r.physicalId, r.status(), r.reason, r.updatedAt));
    }

    Map<String, Object> outputs()
    {
        if (outputsCache != null && outputsVersion == heat.changes()) {
            return outputsCache;
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        Evaluator evaluator = evaluator();
        for (HotTemplate.OutputDef output : template.outputs.values()) {
            try {
                if (output.condition() != null && !evaluator.condition(output.condition())) {
                    outputs.put(output.name(), null);
                    continue;
                }
                outputs.put(output.name(), evaluator.eval(output.value()));
            }
            catch (RuntimeException e) {
                // not yet resolvable (a resource still being made): Heat leaves the output out
            }
        }
        outputsCache = outputs;
        outputsVersion = heat.changes();
        return outputs;
    }

    Stack view()
    {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ParameterSpec spec : template.parameters.values()) {
            Object value = params.get(spec.name);
            shown.put(spec.name, spec.hidden ? "******" : value instanceof List<?> l
                    ? String.join(",", l.stream().map(Values::text).toList()) : Values.text(value));
        }
        shown.put("OS::stack_name", name);
        shown.put("OS::stack_id", id);
        shown.put("OS::project_id", "local");
        return new Stack(id, name, action + "_" + state, reason, shown, outputs(), timeoutMinutes, createdAt, updatedAt);
    }
}
