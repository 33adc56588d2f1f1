package io.magnum.core.bootstrap;

import io.magnum.RequestContext;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.cloud.Cloud;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What {@code Magnum.Builder} collected; checked by the builder already. */
public record MagnumConfig(
        Path databaseFile,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        DataSource dataSource,
        Cloud cloud,
        boolean closeCloud,
        List<CoeDriver> drivers,
        boolean discoverDrivers,
        Set<String> disabledDrivers,
        Clock clock,
        RequestContext defaultContext,
        String host,
        Duration heartbeatInterval,
        Duration serviceDownTime,
        Duration syncInterval,
        int conductorThreads,
        String magnumUrl,
        byte[] encryptionKey,
        int maxBaysPerProject)
{
    /** @return the name this conductor holds bay locks under: its host */
    public String conductorId()
    {
        return host;
    }
}
