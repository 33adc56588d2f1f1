package io.magnum.core.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import io.magnum.ErrorCode;
import io.magnum.Magnum;
import io.magnum.MagnumException;
import io.magnum.core.MagnumRuntime;
import io.magnum.core.MagnumView;
import io.magnum.core.driver.DriverRegistry;
import io.magnum.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts an instance: called by {@code Magnum.Builder.build()} directly, never by reflection. */
public final class MagnumBootstrap
{
    private static final Logger log = LoggerFactory.getLogger(MagnumBootstrap.class);

    private MagnumBootstrap()
    {
    }

    /**
     * Wires the internals, migrates the database, loads the drivers and registers the conductor.
     *
     * @param config the builder's configuration
     * @return the running instance
     * @throws MagnumException when any of it fails; what was opened is closed again
     */
    public static Magnum start(MagnumConfig config)
    {
        long started = System.nanoTime();
        DriverRegistry drivers = DriverRegistry.load(config.drivers(), config.discoverDrivers(), config.disabledDrivers());
        Database database;
        try {
            database = Database.open(config);
        }
        catch (RuntimeException e) {
            drivers.close();
            throw e;
        }
        Injector injector;
        try {
            // PRODUCTION: every singleton is made now, so a wiring fault fails build(), not a later call
            injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config, database, drivers));
        }
        catch (CreationException | ProvisionException e) {
            drivers.close();
            database.close();
            throw unwrap(e);
        }
        MagnumRuntime runtime = injector.getInstance(MagnumRuntime.class);
        try {
            runtime.services().start();
            runtime.sync().start();
        }
        catch (RuntimeException e) {
            runtime.close();
            throw e instanceof MagnumException m ? m
                    : new MagnumException(ErrorCode.STORE_FAILURE, "cannot register the conductor: " + e.getMessage(), e);
        }
        log.info("Magnum started in {} ms: database {}, cloud {}, {} driver(s)",
                (System.nanoTime() - started) / 1_000_000, runtime.database().description(), config.cloud().describe(),
                runtime.drivers().drivers().size());
        return new MagnumView(runtime, config.defaultContext(), true);
    }

    private static MagnumException unwrap(RuntimeException e)
    {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof MagnumException magnum) {
                return magnum;
            }
            cause = cause.getCause();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new MagnumException(ErrorCode.INTERNAL, "cannot start Magnum: " + root, e);
    }
}
