package io.magnum.core.service;

import io.magnum.core.Periodic;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.store.ServiceStore;
import io.magnum.core.store.Timestamps;
import io.magnum.core.store.jooq.tables.records.MagnumServiceRecord;
import io.magnum.model.MagnumService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The conductor's registration in {@code magnum_service}: a heartbeat at start and then every interval, and the
 * up/down reading of {@code service-list}.
 */
@Singleton
public final class ServiceRegistry implements AutoCloseable
{
    /** The binary name Magnum gives its conductor. */
    public static final String CONDUCTOR = "magnum-conductor";

    private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

    private final ServiceStore store;
    private final Clock clock;
    private final String host;
    private final Duration interval;
    private final Duration downTime;
    private Periodic scheduler;

    @Inject
    public ServiceRegistry(ServiceStore store, MagnumConfig config)
    {
        this.store = store;
        this.clock = config.clock();
        this.host = config.host();
        this.interval = config.heartbeatInterval();
        this.downTime = config.serviceDownTime();
    }

    /** Registers the conductor and starts its heartbeat. */
    public synchronized void start()
    {
        if (scheduler != null) {
            return;
        }
        heartbeat();
        // a missed heartbeat only makes the service look down for a while; the next one may succeed
        scheduler = Periodic.start("magnum-heartbeat-" + Integer.toHexString(System.identityHashCode(this)), interval,
                this::heartbeat);
        log.info("Conductor registered as {} on host {}, heartbeat every {}", CONDUCTOR, host, interval);
    }

    /** Records one heartbeat now. */
    public void heartbeat()
    {
        store.heartbeat(host, CONDUCTOR, clock.instant());
    }

    /** @return every registered service with its state read against the clock */
    public List<MagnumService> list()
    {
        Instant now = clock.instant();
        return store.list().stream().map(record -> toService(record, now)).toList();
    }

    private MagnumService toService(MagnumServiceRecord r, Instant now)
    {
        Instant lastSeen = Timestamps.fromColumn(r.getLastSeenUp());
        if (lastSeen == null) {
            lastSeen = r.getUpdatedAt() != null ? Timestamps.fromColumn(r.getUpdatedAt()) : Timestamps.fromColumn(r.getCreatedAt());
        }
        boolean up = !r.getForcedDown() && Duration.between(lastSeen, now).abs().compareTo(downTime) <= 0;
        return new MagnumService(r.getId(), r.getHost(), r.getBinaryName(), up ? "up" : "down", r.getReportCount(),
                r.getDisabled(), r.getDisabledReason(), Timestamps.fromColumn(r.getLastSeenUp()), r.getForcedDown(),
                Timestamps.fromColumn(r.getCreatedAt()), Timestamps.fromColumn(r.getUpdatedAt()));
    }

    /** @return the host the conductor registered under */
    public String host()
    {
        return host;
    }

    /** Stops the heartbeat; the row stays and reads {@code down} once the down time has passed, as in Magnum. */
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
