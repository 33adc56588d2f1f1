package io.magnum.core.bootstrap;

import com.google.inject.AbstractModule;
import io.magnum.core.cert.KeyCipher;
import io.magnum.core.driver.DriverRegistry;
import io.magnum.core.store.Database;
import io.magnum.spi.cloud.Cloud;

import java.time.Clock;

/** Wires one instance's internals. Guice stays inside the core: nothing public mentions it. */
final class CoreModule extends AbstractModule
{
    private final MagnumConfig config;
    private final Database database;
    private final DriverRegistry drivers;

    CoreModule(MagnumConfig config, Database database, DriverRegistry drivers)
    {
        this.config = config;
        this.database = database;
        this.drivers = drivers;
    }

    @Override
    protected void configure()
    {
        bind(MagnumConfig.class).toInstance(config);
        bind(Clock.class).toInstance(config.clock());
        bind(Cloud.class).toInstance(config.cloud());
        // opened by the bootstrap, which closes them again if wiring fails
        bind(Database.class).toInstance(database);
        bind(DriverRegistry.class).toInstance(drivers);
        bind(KeyCipher.class).toInstance(KeyCipher.forDatabase(
                config.databaseFile() == null ? null : Database.normalise(config.databaseFile()), config.encryptionKey()));
    }
}
