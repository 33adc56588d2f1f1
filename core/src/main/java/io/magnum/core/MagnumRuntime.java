package io.magnum.core;

import io.magnum.core.bay.BayConductor;
import io.magnum.core.coe.CoeConnections;
import io.magnum.core.coe.ContainerService;
import io.magnum.core.coe.ManifestObjectService;
import io.magnum.core.bay.BayEvents;
import io.magnum.core.bay.BayService;
import io.magnum.core.bay.StatusSync;
import io.magnum.core.baymodel.BayModelService;
import io.magnum.core.cert.CertificateService;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.driver.DriverRegistry;
import io.magnum.core.quota.QuotaService;
import io.magnum.core.service.ServiceRegistry;
import io.magnum.core.store.Database;
import io.magnum.spi.cloud.Cloud;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/** Everything one {@code Magnum} instance holds, and its orderly shutdown. Shared by all views of the instance. */
@Singleton
public final class MagnumRuntime implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MagnumRuntime.class);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final MagnumConfig config;
    private final Database database;
    private final DriverRegistry drivers;
    private final ServiceRegistry services;
    private final BayModelService bayModels;
    private final BayService bays;
    private final BayEvents bayEvents;
    private final BayConductor conductor;
    private final StatusSync sync;
    private final CertificateService certificates;
    private final CoeConnections connections;
    private final ManifestObjectService manifestObjects;
    private final ContainerService containers;
    private final QuotaService quotas;
    private final Guard guard = new Guard(this);

    @Inject
    public MagnumRuntime(MagnumConfig config, Database database, DriverRegistry drivers, ServiceRegistry services,
            BayModelService bayModels, BayService bays, BayEvents bayEvents, BayConductor conductor, StatusSync sync,
            CertificateService certificates, CoeConnections connections, ManifestObjectService manifestObjects,
            ContainerService containers, QuotaService quotas)
    {
        this.quotas = quotas;
        this.connections = connections;
        this.manifestObjects = manifestObjects;
        this.containers = containers;
        this.config = config;
        this.database = database;
        this.drivers = drivers;
        this.services = services;
        this.bayModels = bayModels;
        this.bays = bays;
        this.bayEvents = bayEvents;
        this.conductor = conductor;
        this.sync = sync;
        this.certificates = certificates;
    }

    public QuotaService quotas()
    {
        return quotas;
    }

    public BayService bays()
    {
        return bays;
    }

    public BayEvents bayEvents()
    {
        return bayEvents;
    }

    public StatusSync sync()
    {
        return sync;
    }

    public BayConductor conductor()
    {
        return conductor;
    }

    public CertificateService certificates()
    {
        return certificates;
    }

    public CoeConnections connections()
    {
        return connections;
    }

    public ManifestObjectService manifestObjects()
    {
        return manifestObjects;
    }

    public ContainerService containers()
    {
        return containers;
    }

    void ensureOpen()
    {
        if (closed.get()) {
            throw new IllegalStateException("Magnum is closed");
        }
    }

    public Guard guard()
    {
        return guard;
    }

    public BayModelService bayModels()
    {
        return bayModels;
    }

    public ServiceRegistry services()
    {
        return services;
    }

    public DriverRegistry drivers()
    {
        return drivers;
    }

    public Database database()
    {
        return database;
    }

    public boolean isClosed()
    {
        return closed.get();
    }

    /**
     * Stops every thread at once and lets go of the database without finishing anything, as a crash would: bays in
     * progress stay so, locks stay held. The next instance on the same database takes them over. For crash tests.
     */
    public void abandon()
    {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sync.close();
        conductor.abandon();
        services.close();
        database.close();
    }

    /** Stops the heartbeat, closes the drivers, the database and (if owned) the cloud. Idempotent. */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sync.close();
        conductor.close();
        services.close();
        connections.close();
        drivers.close();
        database.close();
        if (config.closeCloud()) {
            Cloud cloud = config.cloud();
            try {
                cloud.close();
            }
            catch (RuntimeException e) {
                log.warn("Closing cloud {} failed", cloud.describe(), e);
            }
        }
        log.info("Magnum closed");
    }
}
