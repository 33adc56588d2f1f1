package io.magnum.core.bay;

import io.magnum.MagnumException;
import io.magnum.NotFoundException;
import io.magnum.core.baymodel.BayModelValidator;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.cert.CertificateService;
import io.magnum.core.driver.DriverRegistry;
import io.magnum.core.store.BayLocks;
import io.magnum.core.store.BayModelStore;
import io.magnum.core.store.BayStore;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayStatus;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.StackContext;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.CloudException;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.core.coe.CoeConnections;
import io.magnum.core.store.ContainerStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs bay operations on a bounded in-process executor: it asks the driver for the stack's definition and the
 * cloud to create, update or delete it. What happens next is the status sync's to observe. Jobs of one bay never
 * overlap.
 */
@Singleton
public final class BayConductor implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(BayConductor.class);

    private final MagnumConfig config;
    private final BayStore bays;
    private final BayModelStore bayModels;
    private final BayLocks locks;
    private final DriverRegistry drivers;
    private final Cloud cloud;
    private final CertificateService certificates;
    private final CoeConnections connections;
    private final ContainerStore containers;
    private final BayEvents events;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, Object> bayMonitors = new ConcurrentHashMap<>();
    private final Map<String, Integer> notInCloudYet = new ConcurrentHashMap<>();

    @Inject
    public BayConductor(MagnumConfig config, BayStore bays, BayModelStore bayModels, BayLocks locks,
            DriverRegistry drivers, Cloud cloud, CertificateService certificates, BayEvents events, Clock clock,
            CoeConnections connections, ContainerStore containers)
    {
        this.connections = connections;
        this.containers = containers;
        this.config = config;
        this.bays = bays;
        this.bayModels = bayModels;
        this.locks = locks;
        this.drivers = drivers;
        this.cloud = cloud;
        this.certificates = certificates;
        this.events = events;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        String prefix = "magnum-conductor-" + Integer.toHexString(System.identityHashCode(this)) + "-";
        this.executor = new ThreadPoolExecutor(config.conductorThreads(), config.conductorThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(100_000), runnable -> {
                    Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** The stack name of a bay: stable, so a create that may or may not have reached the cloud is found again. */
    static String stackName(Bay bay)
    {
        String base = bay.name() == null ? "bay" : bay.name();
        return base + "-" + bay.uuid().replace("-", "").substring(0, 12);
    }

    /**
     * Notes an update or delete of a bay that is about to be stored, before it is stored: until this conductor's job
     * has handed it to the cloud, the bay's stack still shows how the previous operation ended (an UPDATE_COMPLETE
     * before a second update, a DELETE_FAILED before a second delete), which {@link #reachedCloud} tells the status
     * sync not to take for this operation's end. Follow with {@link #submitUpdate} or {@link #submitDelete}, or with
     * {@link #notSubmitted} when the operation was not stored.
     *
     * @param uuid the bay
     */
    void expect(String uuid)
    {
        notInCloudYet.merge(uuid, 1, Integer::sum);
    }

    /** @param uuid a bay whose {@link #expect expected} operation was refused before it was stored */
    void notSubmitted(String uuid)
    {
        notInCloudYet.computeIfPresent(uuid, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * @param uuid a bay
     * @return false while an update or delete of the bay is accepted but its job has not yet asked the cloud
     */
    boolean reachedCloud(String uuid)
    {
        return !notInCloudYet.containsKey(uuid);
    }

    /**
     * @return the bays whose accepted update or delete has not yet asked the cloud, at this instant: a status sync
     *         takes this before it reads the stacks, so a stack read before the cloud was asked is never taken for
     *         the end of the operation that asked it
     */
    Set<String> notInCloudYet()
    {
        return Set.copyOf(notInCloudYet.keySet());
    }

    void submitCreate(String uuid)
    {
        submit(uuid, BayStatus.CREATE_IN_PROGRESS, () -> create(uuid));
    }

    /** @param uuid a bay stored UPDATE_IN_PROGRESS after {@link #expect} */
    void submitUpdate(String uuid)
    {
        submit(uuid, BayStatus.UPDATE_IN_PROGRESS, () -> {
            try {
                update(uuid);
            }
            finally {
                notSubmitted(uuid);
            }
        });
    }

    /** @param uuid a bay stored DELETE_IN_PROGRESS after {@link #expect} */
    void submitDelete(String uuid)
    {
        submit(uuid, BayStatus.DELETE_IN_PROGRESS, () -> {
            try {
                delete(uuid);
            }
            finally {
                notSubmitted(uuid);
            }
        });
    }

    private void submit(String uuid, BayStatus running, Runnable job)
    {
        executor.execute(() -> {
            MDC.put("bay", uuid);
            try {
                synchronized (bayMonitors.computeIfAbsent(uuid, k -> new Object())) {
                    job.run();
                }
            }
            catch (Throwable e) {
                // whatever went wrong, the bay must not stay in progress with nobody working on it
                log.error("Conductor job for bay {} failed", uuid, e);
                failAfterError(uuid, running, e);
                if (e instanceof Error error && !(e instanceof LinkageError)) {
                    throw error;
                }
            }
            finally {
                MDC.remove("bay");
            }
        });
    }

    private void failAfterError(String uuid, BayStatus running, Throwable e)
    {
        try {
            bays.findByUuid(uuid, BayStore.visibleTo(null)).filter(b -> b.status() == running).ifPresent(b ->
                    fail(b, BayStatus.valueOf(running.name().replace("_IN_PROGRESS", "_FAILED")),
                            "Internal error in the conductor: " + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
        catch (RuntimeException again) {
            log.error("Bay {} could not be marked failed; the next start's recovery will take it up", uuid, again);
        }
    }

    private void create(String uuid)
    {
        Bay bay = bays.findByUuid(uuid, BayStore.visibleTo(null)).orElse(null);
        if (bay == null || bay.status() != BayStatus.CREATE_IN_PROGRESS || bay.stackId() != null) {
            return;
        }
        try {
            Definition definition = definition(bay, bay.nodeCount());
            ensureCertificates(bay);
            String name = stackName(bay);
            Optional<Stack> existing = cloud.stacks().get(name);
            Stack stack = existing.orElseGet(() -> cloud.stacks().create(new StackRequest(name,
                    definition.template().template(), definition.template().files(), definition.template().parameters(),
                    null, bay.bayCreateTimeout())));
            if (existing.isPresent()) {
                log.info("Bay {}: adopting stack {} found by name after a restart", uuid, stack.id());
            }
            Bay withStack = copy(bay, stack.id(), bay.status(), bay.statusReason());
            if (!bays.update(withStack, BayStatus.CREATE_IN_PROGRESS)) {
                // a delete took the bay over while the stack was being made: the delete must find it
                Bay now = bays.findByUuid(uuid, BayStore.visibleTo(null)).orElse(null);
                if (now != null) {
                    bays.update(copy(now, stack.id(), now.status(), now.statusReason()));
                }
                else {
                    cloud.stacks().delete(stack.id());
                }
            }
        }
        catch (InvalidStackException e) {
            fail(bay, BayStatus.CREATE_FAILED, e.getMessage());
        }
        catch (CloudException e) {
            fail(bay, BayStatus.CREATE_FAILED, "The cloud failed to create the stack: " + e.getMessage());
        }
        catch (MagnumException e) {
            fail(bay, BayStatus.CREATE_FAILED, e.getMessage());
        }
    }

    private void update(String uuid)
    {
        Bay bay = bays.findByUuid(uuid, BayStore.visibleTo(null)).orElse(null);
        if (bay == null || bay.status() != BayStatus.UPDATE_IN_PROGRESS) {
            return;
        }
        try {
            Definition definition = definition(bay, bay.nodeCount());
            Map<String, String> parameters = new java.util.LinkedHashMap<>(definition.template().parameters());
            int removed = bay.nodeAddresses().size() - bay.nodeCount();
            if (removed > 0) {
                parameters.putAll(removalParameters(bay, definition, removed));
            }
            cloud.stacks().update(bay.stackId(), new StackRequest(stackName(bay), definition.template().template(),
                    definition.template().files(), parameters, null, bay.bayCreateTimeout()));
        }
        catch (StackNotFoundException e) {
            fail(bay, BayStatus.UPDATE_FAILED, "Stack with id " + bay.stackId() + " not found in Heat.");
        }
        catch (InvalidStackException e) {
            Optional<Stack> stack = cloud.stacks().get(bay.stackId());
            if (stack.isPresent() && stack.get().status().equals("UPDATE_IN_PROGRESS")) {
                return; // resumed after a restart: the update is already running
            }
            fail(bay, BayStatus.UPDATE_FAILED, e.getMessage());
        }
        catch (CloudException e) {
            fail(bay, BayStatus.UPDATE_FAILED, "The cloud failed to update the stack: " + e.getMessage());
        }
        catch (MagnumException e) {
            fail(bay, BayStatus.UPDATE_FAILED, e.getMessage());
        }
    }

    private void delete(String uuid)
    {
        Bay bay = bays.findByUuid(uuid, BayStore.visibleTo(null)).orElse(null);
        if (bay == null || bay.status() != BayStatus.DELETE_IN_PROGRESS) {
            return;
        }
        try {
            String stackId = bay.stackId();
            if (stackId == null) {
                stackId = cloud.stacks().get(stackName(bay)).map(Stack::id).orElse(null);
            }
            if (stackId == null) {
                deleted(bay);
                return;
            }
            cloud.stacks().delete(stackId);
        }
        catch (StackNotFoundException e) {
            deleted(bay);
        }
        catch (CloudException e) {
            fail(bay, BayStatus.DELETE_FAILED, "The cloud failed to delete the stack: " + e.getMessage());
        }
    }

    // Scaling down: the driver names the nodes to go first (empty ones); without an answer the stack removes the
    // highest-numbered ones.
    private Map<String, String> removalParameters(Bay bay, Definition definition, int count)
    {
        try {
            Optional<io.magnum.spi.BayEndpoint.Tls> tls = Optional.empty();
            if (!definition.model().tlsDisabled()) {
                var material = certificates.tlsMaterial(bay.uuid());
                tls = Optional.of(new io.magnum.spi.BayEndpoint.Tls(material.caPem(), material.certificatePem(),
                        material.privateKeyPem()));
            }
            io.magnum.spi.BayEndpoint endpoint = new io.magnum.spi.BayEndpoint(
                    bay.apiAddress() == null ? "" : bay.apiAddress(), bay.nodeAddresses(), tls);
            List<String> nodes = definition.driver().removableNodes(definition.view(), endpoint, count);
            if (nodes == null || nodes.isEmpty()) {
                return Map.of();
            }
            log.info("Bay {}: scaling down removes {} first", bay.uuid(), nodes);
            return definition.driver().removalParameters(definition.view(), nodes.subList(0, Math.min(count, nodes.size())));
        }
        catch (RuntimeException e) {
            log.warn("Bay {}: the driver could not tell which nodes are empty ({}); the highest-numbered go",
                    bay.uuid(), e.getMessage());
            return Map.of();
        }
    }

    /** The stack is gone: certificates, lock and row go too. */
    void deleted(Bay bay)
    {
        try {
            List<String> coeIds = containers.findByBay(bay.uuid()).stream()
                    .flatMap(c -> c.coeId().stream()).toList();
            connections.bayDeleted(bay, coeIds);
            containers.deleteByBay(bay.uuid());
        }
        catch (RuntimeException e) {
            log.warn("Cleaning up the COE objects of bay {} failed: {}", bay.uuid(), e.getMessage());
        }
        try {
            certificates.deleteForBay(bay.uuid());
        }
        catch (RuntimeException e) {
            // as in Magnum: a certificate that cannot be deleted does not keep the bay alive
            log.warn("Deleting the certificates of bay {} failed: {}", bay.uuid(), e.getMessage());
        }
        bays.delete(bay.uuid());
        bayMonitors.remove(bay.uuid());
        try {
            events.published(copy(bay, bay.stackId(), BayStatus.DELETE_COMPLETE, "Bay deleted"), bay.status(), true);
        }
        finally {
            locks.release(bay.uuid(), config.conductorId());
        }
    }

    /** A stored transition out of progress: published first, so no waiter misses it, then the lock goes. */
    void settled(Bay bay, BayStatus previous)
    {
        try {
            events.published(bay, previous, false);
        }
        finally {
            locks.release(bay.uuid(), config.conductorId());
        }
    }

    void fail(Bay bay, BayStatus status, String reason)
    {
        Bay failed = copy(bay, bay.stackId(), status, reason);
        if (bays.update(failed, bay.status())) {
            settled(failed, bay.status());
        }
    }

    private void ensureCertificates(Bay bay)
    {
        try {
            certificates.caPem(bay.uuid());
        }
        catch (NotFoundException e) {
            certificates.createForBay(bay.uuid(), bay.name(), bay.projectId(), bay.userId());
        }
    }

    /** A bay's baymodel, driver and stack definition at a node count. */
    record Definition(BayModel model, BayModelView view, CoeDriver driver, TemplateDefinition template)
    {
    }

    Definition definition(Bay bay, int nodeCount)
    {
        BayModel model = bayModels.findByUuid(bay.bayModelId(), BayModelStore.visibleTo(null))
                .orElseThrow(() -> new NotFoundException("Baymodel " + bay.bayModelId() + " of bay " + bay.uuid()
                        + " could not be found"));
        CoeDriver driver = driverOf(model);
        BayModelView view = BayModelValidator.view(model);
        BayView bayView = new BayView(bay.uuid(), bay.name() == null ? bay.uuid() : bay.name(), nodeCount,
                bay.masterCount(), bay.discoveryUrl(), bay.projectId());
        StackContext context = new StackContext(config.magnumUrl(), cloud.authUrl(),
                bay.uuid().replace("-", ""), bay.userId(), bay.projectId());
        return new Definition(model, view, driver, driver.templateDefinition(view, bayView, context));
    }

    CoeDriver driverOf(BayModel model)
    {
        return drivers.find(new DriverKey(model.coe(), model.serverType(), model.clusterDistro()))
                .orElseThrow(() -> new io.magnum.NotSupportedException("Bay type (" + model.serverType() + ", "
                        + model.clusterDistro() + ", " + model.coe() + ") not supported"));
    }

    Bay copy(Bay bay, String stackId, BayStatus status, String reason)
    {
        return new Bay(bay.uuid(), bay.name(), bay.projectId(), bay.userId(), bay.bayModelId(), stackId, status, reason,
                bay.nodeCount(), bay.masterCount(), bay.discoveryUrl(), bay.apiAddress(), bay.nodeAddresses(),
                bay.masterAddresses(), bay.bayCreateTimeout(), bay.createdAt(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** @return how many jobs wait or run */
    public int backlog()
    {
        return executor.getQueue().size() + executor.getActiveCount();
    }

    @Override
    public void close()
    {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once, dropping queued jobs: what a crash does. */
    public void abandon()
    {
        executor.shutdownNow();
    }
}
