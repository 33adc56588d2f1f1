package io.magnum.core.bay;

import io.magnum.core.Periodic;
import io.magnum.core.baymodel.BayModelValidator;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.store.BayLocks;
import io.magnum.core.store.BayModelStore;
import io.magnum.core.store.BayStore;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayStatus;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.Stack;
import io.magnum.core.coe.CoeConnections;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps bays true to their stacks: every interval, one list call to the cloud for the stacks of every bay in
 * progress (never one call per bay), then each bay's status, reason and outputs are brought in line and every
 * transition is stored, then published. Also recovers bays left in progress by a crash or a close.
 */
@Singleton
public final class StatusSync implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(StatusSync.class);

    /**
     * How long past its create timeout a bay whose stack is still in progress waits for Heat to end the stack (Heat
     * checks the same timeout itself, within seconds of it).
     */
    static final Duration HEAT_TIMEOUT_GRACE = Duration.ofMinutes(2);

    private final MagnumConfig config;
    private final BayStore bays;
    private final BayModelStore bayModels;
    private final BayLocks locks;
    private final Cloud cloud;
    private final BayConductor conductor;
    private final CoeConnections connections;
    private final Clock clock;
    private final AtomicLong sweeps = new AtomicLong();
    private Periodic scheduler;

    @Inject
    public StatusSync(MagnumConfig config, BayStore bays, BayModelStore bayModels, BayLocks locks, Cloud cloud,
            BayConductor conductor, Clock clock, CoeConnections connections)
    {
        this.connections = connections;
        this.config = config;
        this.bays = bays;
        this.bayModels = bayModels;
        this.locks = locks;
        this.cloud = cloud;
        this.conductor = conductor;
        this.clock = clock;
    }

    /** Picks up the bays a crash or a close left in progress, then starts sweeping. */
    public synchronized void start()
    {
        if (scheduler != null) {
            return;
        }
        recover();
        scheduler = Periodic.start("magnum-sync-" + Integer.toHexString(System.identityHashCode(this)),
                config.syncInterval(), this::sweep);
    }

    private void recover()
    {
        Instant now = clock.instant();
        for (Bay bay : bays.inProgress()) {
            if (!locks.adopt(bay.uuid(), config.conductorId(), config.serviceDownTime(), now)) {
                continue; // another live conductor runs it
            }
            log.info("Resuming bay {} ({}) in {}", bay.uuid(), bay.name(), bay.status());
            switch (bay.status()) {
                case CREATE_IN_PROGRESS -> {
                    if (bay.stackId() == null) {
                        conductor.submitCreate(bay.uuid());
                    }
                }
                case UPDATE_IN_PROGRESS -> {
                    conductor.expect(bay.uuid());
                    conductor.submitUpdate(bay.uuid());
                }
                case DELETE_IN_PROGRESS -> {
                    conductor.expect(bay.uuid());
                    conductor.submitDelete(bay.uuid());
                }
                default -> {
                }
            }
        }
    }

    /** One sweep; public for tests and benchmarks that drive the sync by hand. */
    public void sweep()
    {
        long started = System.nanoTime();
        List<Bay> inProgress = bays.inProgress();
        if (inProgress.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        locks.refresh(config.conductorId(), now);
        Map<String, BayLocks.Lock> held = locks.all();
        // taken before the stacks are read: a bay whose update reaches the cloud between this line and the stack
        // list would otherwise be judged by how its stack ended the previous operation
        Set<String> notInCloudYet = conductor.notInCloudYet();
        List<String> ids = inProgress.stream().map(Bay::stackId).filter(Objects::nonNull).toList();
        Map<String, Stack> stacks = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Stack stack : cloud.stacks().list(ids)) {
                stacks.put(stack.id(), stack);
            }
        }
        Map<String, BayModel> models = new HashMap<>();
        for (Bay bay : inProgress) {
            BayLocks.Lock lock = held.get(bay.uuid());
            if (lock != null && !lock.conductorId().equals(config.conductorId())
                    && !lock.acquiredAt().isBefore(now.minus(config.serviceDownTime()))) {
                continue; // another live conductor runs this bay
            }
            if (notInCloudYet.contains(bay.uuid())) {
                continue; // the next sweep reads its stack again
            }
            try {
                sync(bay, bay.stackId() == null ? null : stacks.get(bay.stackId()), models, now);
            }
            catch (RuntimeException e) {
                log.warn("Syncing bay {} failed: {}", bay.uuid(), e.getMessage());
            }
        }
        sweeps.incrementAndGet();
        log.debug("Synced {} bay(s) in progress in {} ms", inProgress.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void sync(Bay bay, Stack stack, Map<String, BayModel> models, Instant now)
    {
        String action = bay.status().name().substring(0, bay.status().name().indexOf('_'));
        if (!action.equals("CREATE") && !conductor.reachedCloud(bay.uuid())) {
            // the conductor has not asked the cloud yet: the stack still shows how the previous operation ended
            return;
        }
        if (stack == null) {
            if (bay.stackId() == null) {
                failIfTimedOut(bay, now);
                return;
            }
            if (action.equals("DELETE")) {
                conductor.deleted(bay);
            }
            else {
                conductor.fail(bay, failed(action), "Stack with id " + bay.stackId() + " not found in Heat.");
            }
            return;
        }
        if (action.equals("DELETE")) {
            if (stack.status().equals("DELETE_COMPLETE")) {
                conductor.deleted(bay);
            }
            else if (stack.status().equals("DELETE_FAILED")) {
                conductor.fail(bay, BayStatus.DELETE_FAILED, stack.statusReason());
            }
            return;
        }
        if (!stack.action().equals(action)) {
            failIfTimedOut(bay, now);
            return; // the conductor has not reached the cloud yet
        }
        if (stack.status().endsWith("_COMPLETE") || stack.status().endsWith("_FAILED")) {
            BayStatus status = BayStatus.valueOf(stack.status());
            // Heat's stack list carries no outputs: read them once, from the stack itself, when the bay settles
            Stack full = cloud.stacks().get(stack.id()).orElse(stack);
            Bay next = withOutputs(bay, full, status, models);
            if (bays.update(next, bay.status())) {
                conductor.settled(next, bay.status());
            }
            return;
        }
        failIfTimedOut(bay, now, HEAT_TIMEOUT_GRACE);
    }

    private void failIfTimedOut(Bay bay, Instant now)
    {
        failIfTimedOut(bay, now, Duration.ZERO);
    }

    /**
     * A create past its timeout fails. A stack still in progress gets a grace: the stack has the same timeout, and
     * Heat's own end of it (CREATE_FAILED "Timed out", which Magnum shows) is the one to show; the sync's is for a
     * stack that never reached the cloud, and for a Heat that does not end it.
     */
    private void failIfTimedOut(Bay bay, Instant now, Duration grace)
    {
        if (bay.status() == BayStatus.CREATE_IN_PROGRESS && bay.bayCreateTimeout() > 0
                && now.isAfter(bay.createdAt().plus(Duration.ofMinutes(bay.bayCreateTimeout())).plus(grace))) {
            conductor.fail(bay, BayStatus.CREATE_FAILED, "Bay did not complete within its create timeout of "
                    + bay.bayCreateTimeout() + " minute(s)");
        }
    }

    private Bay withOutputs(Bay bay, Stack stack, BayStatus status, Map<String, BayModel> models)
    {
        String api = bay.apiAddress();
        List<String> nodes = bay.nodeAddresses();
        List<String> masters = bay.masterAddresses();
        String discovery = bay.discoveryUrl();
        BayModel model = models.computeIfAbsent(bay.bayModelId(), id -> bayModels.findByUuid(id,
                BayModelStore.visibleTo(null)).orElse(null));
        if (model != null) {
            CoeDriver driver = conductor.driverOf(model);
            BayOutputs outputs = driver.outputs(BayModelValidator.view(model), stack.outputs());
            api = outputs.apiAddress().orElse(api);
            nodes = outputs.nodeAddresses();
            if (status.complete() && outputs.apiAddress().isPresent()) {
                // a cloud that serves bays' COE APIs itself (LocalCloud) gives the address to use instead
                api = connections.settledAddress(withNodes(bay, nodes), model, api);
            }
            masters = outputs.masterAddresses();
            discovery = outputs.discoveryUrl().orElse(discovery);
        }
        return new Bay(bay.uuid(), bay.name(), bay.projectId(), bay.userId(), bay.bayModelId(), stack.id(), status,
                stack.statusReason(), bay.nodeCount(), bay.masterCount(), discovery, api, nodes, masters,
                bay.bayCreateTimeout(), bay.createdAt(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static Bay withNodes(Bay bay, List<String> nodes)
    {
        return new Bay(bay.uuid(), bay.name(), bay.projectId(), bay.userId(), bay.bayModelId(), bay.stackId(),
                bay.status(), bay.statusReason(), bay.nodeCount(), bay.masterCount(), bay.discoveryUrl(),
                bay.apiAddress(), nodes, bay.masterAddresses(), bay.bayCreateTimeout(), bay.createdAt(),
                bay.updatedAt());
    }

    private static BayStatus failed(String action)
    {
        return BayStatus.valueOf(action + "_FAILED");
    }

    /** @return sweeps completed so far */
    public long sweeps()
    {
        return sweeps.get();
    }

    @Override
    public synchronized void close()
    {
        if (scheduler == null) {
            return;
        }
        scheduler.close();
        scheduler = null;
    }
}
