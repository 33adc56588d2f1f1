package io.magnum.local.heat;

import io.magnum.spi.cloud.CloudException;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Orchestration;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.spi.cloud.StackResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * LocalCloud's Heat: runs HOT templates in process. Stacks are created, updated and deleted in the background, in
 * dependency order, independent resources concurrently, with a configurable latency per resource type (none by
 * default) and injectable faults.
 *
 * <pre>{@code
 * LocalHeat heat = localCloud.heat();
 * heat.latency("OS::Nova::Server", Duration.ofMillis(200));
 * heat.failResource("kube-minion", "Went to status ERROR due to \"Message: No valid host was found.\"");
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop its threads.
 */
public final class LocalHeat implements Orchestration, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(LocalHeat.class);
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,254}");
    private static final Set<String> RECOMPUTED = Set.of("OS::Heat::SoftwareConfig", "OS::Heat::CloudConfig",
            "OS::Heat::MultipartMime", "OS::Heat::None", ResourceTypes.TEST_RESOURCE, ResourceTypes.SOFTWARE_DEPLOYMENT);

    /** A fault to inject: fail with a reason, or hang (never finish). */
    record Fault(String errorType, String reason, boolean hang)
    {
    }

    private final Object lock = new Object();
    private final Inventory inventory;
    private final Clock clock;
    private final ResourceTypes types = new ResourceTypes();
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, StackRun> stacks = new LinkedHashMap<>();
    private final Map<String, ResourceState> physical = new HashMap<>();
    private final Map<String, Long> nextAddress = new HashMap<>();
    private final Map<String, java.util.TreeSet<Long>> freedAddresses = new HashMap<>();
    private final Map<String, String> inventoryCidrs = new HashMap<>();
    private final Map<String, Duration> latencies = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, String> callFaults = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong eventIds = new AtomicLong();
    private volatile Duration defaultLatency = Duration.ZERO;
    private volatile Duration minute = Duration.ofMinutes(1);
    private long changes;
    private volatile boolean closed;

    LocalHeat(Inventory inventory, Clock clock)
    {
        this.inventory = inventory;
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "localcloud-heat-" + Integer.toHexString(System.identityHashCode(this)));
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * A Heat engine over an inventory.
     *
     * @param images    whether an image exists, by id or name
     * @param flavors   whether a flavor exists
     * @param keypairs  whether a keypair exists
     * @param networks  a network's id by id or name, or null
     * @param externals whether a network is external
     * @param clock     the clock for timestamps
     * @return the engine
     */
    public static LocalHeat create(java.util.function.Predicate<String> images, java.util.function.Predicate<String> flavors,
            java.util.function.Predicate<String> keypairs, java.util.function.Function<String, String> networks,
            java.util.function.Predicate<String> externals, Clock clock)
    {
        return new LocalHeat(new Inventory()
        {
            @Override
            public boolean hasFlavor(String idOrName)
            {
                return flavors.test(idOrName);
            }

            @Override
            public boolean hasImage(String idOrName)
            {
                return images.test(idOrName);
            }

            @Override
            public boolean hasKeypair(String name)
            {
                return keypairs.test(name);
            }

            @Override
            public String networkId(String idOrName)
            {
                return networks.apply(idOrName);
            }

            @Override
            public boolean isExternalNetwork(String idOrName)
            {
                return externals.test(idOrName);
            }
        }, clock);
    }

    // ---------------------------------------------------------------- configuration

    /**
     * How long resources of a type take to create, update or delete.
     *
     * @param type    a resource type, such as {@code OS::Nova::Server}
     * @param latency the time; zero for none
     * @return this
     */
    public LocalHeat latency(String type, Duration latency)
    {
        latencies.put(type, latency);
        return this;
    }

    /**
     * @param latency how long every other resource type takes (default zero)
     * @return this
     */
    public LocalHeat defaultLatency(Duration latency)
    {
        this.defaultLatency = latency;
        return this;
    }

    /**
     * How long a "minute" of a stack timeout (and 60 seconds of a wait condition timeout) lasts, so tests can see
     * timeouts without waiting for them.
     *
     * @param minute the length of a minute (default one minute)
     * @return this
     */
    public LocalHeat minute(Duration minute)
    {
        this.minute = minute;
        return this;
    }

    /**
     * Makes every resource of that name (in any stack, nested ones included) fail when created, as Heat reports a
     * failed resource.
     *
     * @param resourceName the resource name in its template
     * @param reason       the reason, such as {@code Went to status ERROR}
     * @return this
     */
    public LocalHeat failResource(String resourceName, String reason)
    {
        faults.put(resourceName + "/create", new Fault("ResourceInError", reason, false));
        return this;
    }

    /**
     * Makes every resource of that name fail when deleted.
     *
     * @param resourceName the resource name
     * @param reason       the reason
     * @return this
     */
    public LocalHeat failDelete(String resourceName, String reason)
    {
        faults.put(resourceName + "/delete", new Fault("Error", reason, false));
        return this;
    }

    /**
     * Makes every resource of that name never finish creating (a wait condition never signalled), so its stack
     * runs into its timeout.
     *
     * @param resourceName the resource name
     * @return this
     */
    public LocalHeat hangResource(String resourceName)
    {
        faults.put(resourceName + "/create", new Fault("", "", true));
        faults.put(resourceName + "/signal", new Fault("", "", true));
        return this;
    }

    /**
     * Makes the next API call of an operation throw, as an unreachable Heat would.
     *
     * @param operation {@code create}, {@code get}, {@code list}, {@code update} or {@code delete}
     * @param message   the failure
     * @return this
     */
    public LocalHeat failNextCall(String operation, String message)
    {
        callFaults.put(operation, message);
        return this;
    }

    /** Removes every injected fault. */
    public void clearFaults()
    {
        faults.clear();
        callFaults.clear();
    }

    /**
     * @param operation {@code create}, {@code get}, {@code list}, {@code update}, {@code delete}, ...
     * @return how many API calls of that operation were made
     */
    public long calls(String operation)
    {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    // ---------------------------------------------------------------- the API

    @Override
    public Stack create(StackRequest request)
    {
        call("create");
        if (!STACK_NAME.matcher(request.name()).matches()) {
            throw new InvalidStackException("Invalid stack name " + request.name() + " must contain only alphanumeric"
                    + " or \"_-.\" characters, must start with alpha and must be 255 characters or less.");
        }
        synchronized (lock) {
            for (StackRun existing : stacks.values()) {
                if (existing.name.equals(request.name())) {
                    throw new InvalidStackException("The Stack (" + request.name() + ") already exists.");
                }
            }
            HotTemplate template = HotTemplate.parseRoot(request.template());
            Map<String, String> registry = registry(request.environment());
            Map<String, Object> given = new LinkedHashMap<>(environmentParameters(request.environment()));
            given.putAll(request.parameters());
            StackRun run = new StackRun(this, null, null, false, request.name(), request.template(), template,
                    request.files(), registry, given, request.timeoutMinutes());
            run.prepare(false);
            stacks.put(run.id, run);
            run.startCreate();
            log.debug("Creating stack {} ({})", run.name, run.id);
            return run.view();
        }
    }

    @Override
    public Optional<Stack> get(String idOrName)
    {
        call("get");
        synchronized (lock) {
            StackRun run = find(idOrName);
            return run == null ? Optional.empty() : Optional.of(run.view());
        }
    }

    @Override
    public List<Stack> list(Collection<String> ids)
    {
        call("list");
        synchronized (lock) {
            List<Stack> result = new ArrayList<>();
            for (String id : new LinkedHashSet<>(ids)) {
                StackRun run = stacks.get(id);
                if (run != null) {
                    result.add(listed(run.view()));
                }
            }
            return result;
        }
    }

    @Override
    public List<Stack> list()
    {
        call("list");
        synchronized (lock) {
            return stacks.values().stream().map(run -> listed(run.view())).toList();
        }
    }

    // as Heat's stack list: no parameters, no outputs and no timeout (only a stack's own GET has them)
    private static Stack listed(Stack stack)
    {
        return new Stack(stack.id(), stack.name(), stack.status(), stack.statusReason(), Map.of(), Map.of(),
                0, stack.createdAt(), stack.updatedAt());
    }

    @Override
    public Stack update(String id, StackRequest request)
    {
        call("update");
        synchronized (lock) {
            StackRun run = require(id);
            if (run.action.equals("DELETE")) {
                throw new InvalidStackException("Updating a stack when it is deleting");
            }
            if (run.state.equals("IN_PROGRESS")) {
                throw new InvalidStackException("Stack " + run.name + " is in progress (" + run.action
                        + "_IN_PROGRESS); it cannot be updated now");
            }
            HotTemplate template = HotTemplate.parseRoot(request.template());
            Map<String, Object> given = new LinkedHashMap<>(environmentParameters(request.environment()));
            given.putAll(request.parameters());
            HotTemplate oldTemplate = run.template;
            String oldText = run.templateText;
            Map<String, String> oldFiles = run.files;
            Map<String, String> oldRegistry = run.registry;
            Map<String, Object> oldGiven = run.givenParameters;
            Map<String, Object> oldParams = run.params;
            Map<String, ResourceState> oldResources = new LinkedHashMap<>(run.resources);
            run.template = template;
            run.templateText = request.template();
            run.files = request.files();
            run.registry = registry(request.environment());
            run.givenParameters = given;
            run.timeoutMinutes = request.timeoutMinutes();
            try {
                run.prepare(false);
            }
            catch (RuntimeException e) {
                run.template = oldTemplate;
                run.templateText = oldText;
                run.files = oldFiles;
                run.registry = oldRegistry;
                run.givenParameters = oldGiven;
                run.params = oldParams;
                run.resources.clear();
                run.resources.putAll(oldResources);
                throw e;
            }
            run.startUpdate();
            return run.view();
        }
    }

    @Override
    public void delete(String id)
    {
        call("delete");
        synchronized (lock) {
            StackRun run = require(id);
            if (run.action.equals("DELETE") && run.state.equals("IN_PROGRESS")) {
                return;
            }
            run.startDelete();
        }
    }

    @Override
    public List<StackResource> resources(String id)
    {
        call("resources");
        synchronized (lock) {
            StackRun run = require(id);
            List<StackResource> list = new ArrayList<>();
            for (ResourceState r : run.resources.values()) {
                List<String> requiredBy = run.resources.values().stream().filter(o -> o.dependsOn.contains(r.name))
                        .map(o -> o.name).toList();
                list.add(r.view(requiredBy));
            }
            return list;
        }
    }

    @Override
    public List<StackEvent> events(String id)
    {
        call("events");
        synchronized (lock) {
            return List.copyOf(require(id).allEvents());
        }
    }

    @Override
    public void close()
    {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void call(String operation)
    {
        if (closed) {
            throw new CloudException("LocalCloud is closed");
        }
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        String failure = callFaults.remove(operation);
        if (failure != null) {
            throw new CloudException(failure);
        }
    }

    private StackRun find(String idOrName)
    {
        StackRun run = stacks.get(idOrName);
        if (run != null) {
            return run;
        }
        for (StackRun candidate : stacks.values()) {
            if (candidate.name.equals(idOrName)) {
                return candidate;
            }
        }
        return null;
    }

    private StackRun require(String id)
    {
        StackRun run = find(id);
        if (run == null) {
            throw new StackNotFoundException(id);
        }
        return run;
    }

    private static Map<String, String> registry(String environment)
    {
        Map<String, String> registry = new LinkedHashMap<>();
        if (environment == null || environment.isBlank()) {
            return registry;
        }
        Map<String, Object> env = HotTemplate.mapOf(Yaml.load(environment, "environment"), "environment");
        HotTemplate.mapOf(env.get("resource_registry"), "resource_registry")
                .forEach((k, v) -> registry.put(k, Values.text(v)));
        return registry;
    }

    private static Map<String, Object> environmentParameters(String environment)
    {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (environment == null || environment.isBlank()) {
            return parameters;
        }
        Map<String, Object> env = HotTemplate.mapOf(Yaml.load(environment, "environment"), "environment");
        parameters.putAll(HotTemplate.mapOf(env.get("parameter_defaults"), "parameter_defaults"));
        parameters.putAll(HotTemplate.mapOf(env.get("parameters"), "parameters"));
        return parameters;
    }

    // ---------------------------------------------------------------- services for StackRun (under the lock)

    Inventory inventory()
    {
        return inventory;
    }

    ResourceTypes types()
    {
        return types;
    }

    Instant now()
    {
        return clock.instant();
    }

    long changes()
    {
        return changes;
    }

    void changed()
    {
        changes++;
        lock.notifyAll();
    }

    /**
     * Waits until a stack is no longer in progress, for tests of Heat flows.
     *
     * <pre>{@code
     * Stack stack = cloud.heat().await(cloud.stacks().create(request).id(), Duration.ofSeconds(30)).orElseThrow();
     * }</pre>
     *
     * @param idOrName a stack id or name
     * @param timeout  how long to wait
     * @return the settled stack, or empty when it is gone (deleted)
     * @throws CloudException when the timeout passes first
     */
    public Optional<Stack> await(String idOrName, Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                StackRun run = find(idOrName);
                if (run == null || !run.state.equals("IN_PROGRESS")) {
                    return run == null ? Optional.empty() : Optional.of(run.view());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new CloudException("stack " + idOrName + " is still " + run.action + "_IN_PROGRESS after " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CloudException("interrupted while waiting for stack " + idOrName);
                }
            }
        }
    }

    String nextEventId()
    {
        return String.valueOf(eventIds.incrementAndGet());
    }

    void forget(StackRun run)
    {
        stacks.remove(run.id);
    }

    Duration latency(String type)
    {
        return latencies.getOrDefault(type, defaultLatency);
    }

    Duration minutes(int count)
    {
        return minute.multipliedBy(count);
    }

    Duration seconds(double count)
    {
        return Duration.ofNanos((long) (minute.toNanos() * count / 60));
    }

    Fault faultFor(String resourceName, String phase)
    {
        return faults.get(resourceName + "/" + phase);
    }

    boolean recomputedOnUpdate(String type)
    {
        return RECOMPUTED.contains(type);
    }

    void schedule(Duration delay, Runnable step)
    {
        if (closed) {
            return;
        }
        Runnable locked = () -> {
            synchronized (lock) {
                try {
                    step.run();
                }
                catch (RuntimeException e) {
                    log.error("LocalCloud Heat step failed", e);
                }
            }
        };
        try {
            if (delay.isZero() || delay.isNegative()) {
                executor.execute(locked);
            }
            else {
                executor.schedule(locked, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    void register(ResourceState r)
    {
        physical.put(r.physicalId, r);
    }

    void unregister(ResourceState r)
    {
        physical.remove(r.physicalId);
        for (Map.Entry<String, Long> allocation : r.allocations) {
            freedAddresses.computeIfAbsent(allocation.getKey(), k -> new java.util.TreeSet<>()).add(allocation.getValue());
        }
        r.allocations.clear();
    }

    String resolveType(String type, Map<String, String> registry, Map<String, String> files)
    {
        String mapped = registry.getOrDefault(type, type);
        if (types.get(mapped) != null || files.containsKey(mapped)) {
            return mapped;
        }
        throw new InvalidStackException("The Resource Type (" + type + ") could not be found.");
    }

    /**
     * The name of the class that implements a resource type in Heat, which its messages quote: the last part of the
     * type's name (OS::Heat::TestResource is TestResource), but for the few Heat names otherwise.
     */
    String className(String type)
    {
        if (isTemplate(type)) {
            return "TemplateResource";
        }
        return switch (type) {
            case "OS::Heat::None" -> "NoneResource";
            case WAIT_CONDITION_TYPE -> "HeatWaitCondition";
            case "OS::Heat::WaitConditionHandle" -> "HeatWaitConditionHandle";
            default -> type.substring(type.lastIndexOf(':') + 1);
        };
    }

    private static final String WAIT_CONDITION_TYPE = ResourceTypes.WAIT_CONDITION;

    boolean isTemplate(String type)
    {
        return types.get(type) == null;
    }

    String templateText(String type, Map<String, String> registry, Map<String, String> files)
    {
        return files.get(registry.getOrDefault(type, type));
    }

    Map<String, Object> create(StackRun run, ResourceState r, Map<String, Object> properties)
    {
        ResourceTypes.Type type = types.get(r.type);
        return type.creator().create(new ResourceTypes.Context()
        {
            @Override
            public Inventory inventory()
            {
                return inventory;
            }

            @Override
            public ResourceState physical(String id)
            {
                return id == null ? null : physical.get(id);
            }

            @Override
            public String allocateFixedIp(String network, String subnet)
            {
                return LocalHeat.this.allocateFixedIp(network, subnet, r);
            }

            @Override
            public String allocateFloatingIp()
            {
                // devstack's public range starts at 172.24.4.x; the pool goes on through 172.24.0.0/14, so
                // thousands of bays fit (each takes a floating IP per node and one for its load balancer)
                return allocate("floating", "172.24.0.0/14", r, 4 * 256 + 3, Addresses.size("172.24.0.0/14") - 2);
            }

            @Override
            public String stackName()
            {
                return run.name;
            }

            @Override
            public String resourceName()
            {
                return r.name;
            }

            @Override
            public String physicalId()
            {
                return r.physicalId;
            }
        }, properties);
    }

    private String allocateFixedIp(String network, String subnet, ResourceState owner)
    {
        ResourceState target = subnet == null ? null : physical.get(subnet);
        if (target == null && network != null) {
            ResourceState net = physical.get(network);
            String networkId = net != null ? net.physicalId : inventory.networkId(network);
            for (ResourceState candidate : physical.values()) {
                if (candidate.type.equals("OS::Neutron::Subnet") && networkId != null
                        && networkId.equals(candidate.attributes.get("network_id"))) {
                    target = candidate;
                    break;
                }
            }
            if (target == null) {
                if (networkId == null) {
                    throw new ResourceFailure("NotFound", "Unable to find network with name or id '" + network + "'");
                }
                String cidr = inventoryCidrs.computeIfAbsent(networkId, k -> "10." + (10 + inventoryCidrs.size()) + ".0.0/16");
                return allocate(networkId, cidr, owner, 3, Addresses.size(cidr) - 2);
            }
        }
        if (target == null || target.attributes.get("cidr") == null) {
            throw new ResourceFailure("NotFound", "Unable to find subnet with name or id '" + subnet + "'");
        }
        String cidr = String.valueOf(target.attributes.get("cidr"));
        long first = 3;
        long last = Addresses.size(cidr) - 2;
        // an explicit allocation pool is honoured; by default the first address after the gateway goes to DHCP
        if (target.properties.get("allocation_pools") instanceof List<?> pools && !pools.isEmpty()) {
            Map<String, Object> pool = HotTemplate.mapOf(pools.get(0), "allocation_pools");
            first = Addresses.parse(Values.text(pool.get("start"))) - Addresses.base(cidr);
            last = Addresses.parse(Values.text(pool.get("end"))) - Addresses.base(cidr);
        }
        return allocate(target.physicalId, cidr, owner, first, last);
    }

    // addresses come back when the resource holding them is deleted, lowest first, as Neutron reuses them
    private String allocate(String pool, String cidr, ResourceState owner, long first, long last)
    {
        java.util.TreeSet<Long> freed = freedAddresses.get(pool);
        long offset;
        if (freed != null && !freed.isEmpty()) {
            offset = freed.pollFirst();
        }
        else {
            offset = nextAddress.getOrDefault(pool, first);
            if (offset > last) {
                throw new ResourceFailure("IpAddressGenerationFailureClient", "No more IP addresses available on network " + pool + ".");
            }
            nextAddress.put(pool, offset + 1);
        }
        owner.allocations.add(Map.entry(pool, offset));
        return Addresses.host(cidr, offset);
    }

    /** Checks what can be checked before anything is created: property names, required properties. */
    void checkStatically(StackRun run, ResourceState r)
    {
        Object raw = r.def.properties();
        Map<String, Object> properties = HotTemplate.mapOf(raw, "properties");
        checkNames(r.type, properties, propertyError(run, r.name, ""), run, true);
        if (r.type.equals(ResourceTypes.GROUP)) {
            Object def = properties.get("resource_def");
            if (def instanceof Map<?, ?> map) {
                Object memberType = map.get("type");
                if (!(memberType instanceof String memberTypeName)) {
                    throw new InvalidStackException(propertyError(run, r.name, ".resource_def") + "Property type not assigned");
                }
                String resolved = resolveType(memberTypeName, run.registry, run.files);
                Object memberProps = map.get("properties");
                if (memberProps instanceof Map<?, ?> mp) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) mp;
                    checkNames(resolved, typed, propertyError(run, r.name, ".resource_def.properties"), run, true);
                }
            }
        }
    }

    /**
     * The start of a property error about a resource's properties. A stack's own template is checked when it is
     * created or updated, and Heat's API (Zed) then words it {@code Property error: : resources.x.properties: : ...};
     * a nested stack's, when its parent resource is made: {@code Property error: resources.g.resources[0]...: ...}.
     */
    static String propertyError(StackRun run, String resource, String subPath)
    {
        return run.parent == null
                ? "Property error: : resources." + resource + ".properties" + subPath + ": : "
                : "Property error: " + run.prefix + "resources." + resource + ".properties" + subPath + ": ";
    }

    private void checkNames(String type, Map<String, Object> properties, String where, StackRun run, boolean requireAll)
    {
        if (isTemplate(type)) {
            HotTemplate nested = HotTemplate.parse(templateText(type, run.registry, run.files), type);
            for (String key : properties.keySet()) {
                if (!nested.parameters.containsKey(key)) {
                    throw new InvalidStackException(where + "Unknown Property " + key);
                }
            }
            for (ParameterSpec spec : nested.parameters.values()) {
                if (requireAll && !spec.hasDefault && !properties.containsKey(spec.name)) {
                    throw new InvalidStackException(where + "Property " + spec.name + " not assigned");
                }
            }
            return;
        }
        ResourceTypes.Type t = types.get(type);
        if (t.properties() != null) {
            for (String key : properties.keySet()) {
                if (!t.properties().contains(key)) {
                    throw new InvalidStackException(where + "Unknown Property " + key);
                }
            }
        }
        for (String required : t.required()) {
            if (requireAll && properties.get(required) == null) {
                throw new InvalidStackException(where + "Property " + required + " not assigned");
            }
        }
    }

    /** Checks the resolved properties of a resource about to be made. */
    void checkProperties(StackRun run, ResourceState r)
    {
        if (isTemplate(r.type)) {
            return;
        }
        ResourceTypes.Type t = types.get(r.type);
        for (String required : t.required()) {
            if (r.properties.get(required) == null) {
                throw new ResourceFailure("StackValidationFailed", "Property error: resources." + r.name
                        + ".properties: Property " + required + " not assigned");
            }
        }
    }

    void createGroup(StackRun run, ResourceState r, long gen)
    {
        long count = r.properties.get("count") == null ? 1 : Values.number(r.properties.get("count")).longValue();
        if (count < 0) {
            throw new ResourceFailure("StackValidationFailed", "Property error: resources." + r.name
                    + ".properties.count: The value must be at least 0.");
        }
        List<String> names = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            names.add(String.valueOf(i));
        }
        r.attributes.put("removed_rsrc_list", new ArrayList<String>());
        StackRun child = new StackRun(this, run, r, true, run.name + "-" + r.name + "-" + shortId(), null,
                memberTemplate(run, r, names), run.files, run.registry, Map.of(), 0);
        child.prepare(false);
        r.nested = child;
        child.onFinish = c -> run.nestedFinished(r, c, gen);
        child.startCreate();
    }

    void updateGroup(StackRun run, ResourceState r, long gen)
    {
        StackRun child = r.nested;
        long count = r.properties.get("count") == null ? 1 : Values.number(r.properties.get("count")).longValue();
        List<String> current = new ArrayList<>(child.membersInOrder().stream().map(m -> m.name).toList());
        @SuppressWarnings("unchecked")
        List<String> removedList = (List<String>) r.attributes.computeIfAbsent("removed_rsrc_list", k -> new ArrayList<String>());
        if (count < current.size()) {
            List<String> victims = new ArrayList<>();
            for (String candidate : removalCandidates(r, child)) {
                if (current.size() - victims.size() <= count) {
                    break;
                }
                if (current.contains(candidate) && !victims.contains(candidate)) {
                    victims.add(candidate);
                }
            }
            // as in Heat, only the members the removal policies name are never used again; the highest-numbered
            // ones removed to reach the count are, when the group grows again
            removedList.addAll(victims);
            for (int i = current.size() - 1; i >= 0 && current.size() - victims.size() > count; i--) {
                if (!victims.contains(current.get(i))) {
                    victims.add(current.get(i));
                }
            }
            current.removeAll(victims);
        }
        long next = 0;
        while (current.size() < count) {
            String name = String.valueOf(next++);
            if (!current.contains(name) && !removedList.contains(name)) {
                current.add(name);
            }
        }
        current.sort(java.util.Comparator.comparingLong(StackRun::indexOf));
        child.template = memberTemplate(run, r, current);
        child.prepare(false);
        child.onFinish = c -> run.nestedFinished(r, c, gen);
        child.startUpdate();
    }

    private List<String> removalCandidates(ResourceState group, StackRun child)
    {
        List<String> candidates = new ArrayList<>();
        if (group.properties.get("removal_policies") instanceof List<?> policies) {
            for (Object policy : policies) {
                Object list = HotTemplate.mapOf(policy, "removal_policies").get("resource_list");
                if (list instanceof List<?> entries) {
                    for (Object entry : entries) {
                        String text = Values.text(entry);
                        if (child.resources.containsKey(text)) {
                            candidates.add(text);
                        }
                        else {
                            child.resources.values().stream().filter(m -> m.physicalId.equals(text)
                                    || text.equals(Values.text(child.refOf(m)))
                                    || (m.nested != null && m.nested.id.equals(text))).findFirst()
                                    .ifPresent(m -> candidates.add(m.name));
                        }
                    }
                }
            }
        }
        return candidates;
    }

    private HotTemplate memberTemplate(StackRun run, ResourceState group, List<String> names)
    {
        Map<String, Object> def = HotTemplate.mapOf(group.properties.get("resource_def"), "resource_def");
        String indexVar = group.properties.get("index_var") == null ? "%index%" : Values.text(group.properties.get("index_var"));
        Map<String, HotTemplate.ResourceDef> members = new LinkedHashMap<>();
        for (String name : names) {
            Object properties = substitute(def.get("properties") == null ? new LinkedHashMap<>() : def.get("properties"), indexVar, name);
            members.put(name, new HotTemplate.ResourceDef(name, Values.text(def.get("type")), properties,
                    substitute(def.get("metadata"), indexVar, name), List.of(), "Delete", null, null));
        }
        return new HotTemplate(run.template.version, null, new LinkedHashMap<>(), new LinkedHashMap<>(), members,
                new LinkedHashMap<>());
    }

    private static Object substitute(Object node, String var, String value)
    {
        if (node instanceof String text) {
            return text.replace(var, value);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, var, value)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v, var, value)));
            return out;
        }
        return node;
    }

    void createNested(StackRun run, ResourceState r, long gen)
    {
        String text = templateText(r.type, run.registry, run.files);
        HotTemplate template = HotTemplate.parse(text, r.type);
        StackRun child = new StackRun(this, run, r, false, run.name + "-" + r.name + "-" + shortId(), text, template,
                run.files, run.registry, new LinkedHashMap<>(r.properties), 0);
        r.nested = child;
        child.prepare(true);
        child.onFinish = c -> run.nestedFinished(r, c, gen);
        child.startCreate();
    }

    void updateNested(StackRun run, ResourceState r, long gen)
    {
        StackRun child = r.nested;
        String text = templateText(r.type, run.registry, run.files);
        child.templateText = text;
        child.template = HotTemplate.parse(text, r.type);
        child.files = run.files;
        child.registry = run.registry;
        child.givenParameters = new LinkedHashMap<>(r.properties);
        child.prepare(true);
        child.onFinish = c -> run.nestedFinished(r, c, gen);
        child.startUpdate();
    }

    /** As Heat's short ids in nested stacks' names: 12 characters of lower-case base32. */
    private static String shortId()
    {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        long bits = UUID.randomUUID().getLeastSignificantBits();
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt((int) (bits & 31)));
            bits >>>= 5;
        }
        return id.toString();
    }
}
