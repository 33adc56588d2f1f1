package io.magnum.core.store;

import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.core.bootstrap.MagnumConfig;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database: a connection pool, the schema migrated by Flyway at open, and a jOOQ context over it.
 */
public final class Database implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Where the migrations live: a package of our own, so an application's own Flyway scripts never mix in. */
    static final String MIGRATIONS = "classpath:io/magnum/core/db/migration";
    static final String HISTORY_TABLE = "magnum_schema_history";

    private final DataSource dataSource;
    private final JdbcConnectionPool ownedPool;
    private final boolean inMemory;
    private final String description;
    private final DSLContext dsl;

    private Database(DataSource dataSource, JdbcConnectionPool ownedPool, boolean inMemory, String description,
            SQLDialect dialect)
    {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.inMemory = inMemory;
        this.description = description;
        // Unquoted names: the migrations create unquoted (case-folded) identifiers, on H2 and PostgreSQL alike.
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withExecuteLogging(false);
        this.dsl = DSL.using(dataSource, dialect, settings);
    }

    /**
     * Opens the configured database and brings its schema up to date.
     *
     * @param config the configuration
     * @return the open database
     */
    public static Database open(MagnumConfig config)
    {
        quietJooq();
        Database database;
        if (config.dataSource() != null) {
            SQLDialect dialect;
            try (Connection connection = config.dataSource().getConnection()) {
                dialect = JDBCUtils.dialect(connection);
            }
            catch (SQLException e) {
                throw new MagnumException(ErrorCode.STORE_FAILURE, "cannot connect to the database: " + e.getMessage(), e);
            }
            database = new Database(config.dataSource(), null, false, "a caller-owned data source", dialect);
        }
        else if (config.jdbcUrl() != null) {
            String url = config.jdbcUrl();
            if (!url.startsWith("jdbc:h2:")) {
                throw new MagnumException(ErrorCode.STORE_FAILURE, "only H2 URLs are pooled here; give other databases"
                        + " through dataSource(...): " + redact(url));
            }
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, nullToEmpty(config.jdbcUser()),
                    nullToEmpty(config.jdbcPassword()));
            database = new Database(pool, pool, url.startsWith("jdbc:h2:mem:"), redact(url), SQLDialect.H2);
        }
        else if (config.databaseFile() != null) {
            Path file = normalise(config.databaseFile());
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            }
            catch (IOException e) {
                throw new MagnumException(ErrorCode.STORE_FAILURE,
                        "cannot create the directory of database " + file + ": " + e.getMessage(), e);
            }
            // WRITE_DELAY=0: a committed change is on disk before the call returns, so a killed process loses nothing.
            // retry: an interrupt during a write closes an NIO file channel; H2's retry file system opens it again,
            // so a caller's interrupted thread (a request timeout, shutdownNow) cannot break the database for all
            String url = "jdbc:h2:retry:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
            database = new Database(pool, pool, false, "H2 file " + file + ".mv.db", SQLDialect.H2);
        }
        else {
            String url = "jdbc:h2:mem:magnum-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
            database = new Database(pool, pool, true, "in-memory H2", SQLDialect.H2);
        }
        try {
            database.migrate();
        }
        catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private void migrate()
    {
        try {
            var result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            log.info("Database {} at schema version {} ({} migration(s) applied)", description,
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        catch (RuntimeException e) {
            throw new MagnumException(ErrorCode.STORE_FAILURE,
                    "cannot open or migrate " + description + ": " + rootMessage(e), e);
        }
    }

    private Database(DSLContext dsl)
    {
        this.dataSource = null;
        this.ownedPool = null;
        this.inMemory = false;
        this.description = "a transaction";
        this.dsl = dsl;
    }

    /**
     * A view of a running transaction, so stores can take part in it.
     *
     * @param transaction the transaction's context
     * @return a database whose statements run in that transaction; closing it does nothing
     */
    public static Database wrap(DSLContext transaction)
    {
        return new Database(transaction);
    }

    /** @return the jOOQ context; every statement borrows a pooled connection */
    public DSLContext dsl()
    {
        return dsl;
    }

    /** @return what this database is, without credentials */
    public String description()
    {
        return description;
    }

    @Override
    public void close()
    {
        if (ownedPool == null) {
            return;
        }
        if (inMemory) {
            try (Connection connection = ownedPool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            catch (SQLException e) {
                log.debug("Shutting down {} failed", description, e);
            }
        }
        ownedPool.dispose();
    }

    /** @return where H2 keeps a file database given as {@code file}: absolute, without the .mv.db suffix */
    public static Path normalise(Path file)
    {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.endsWith(".mv.db")) {
            return absolute.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
        }
        return absolute;
    }

    private static String redact(String url)
    {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String nullToEmpty(String value)
    {
        return value == null ? "" : value;
    }

    static String rootMessage(Throwable e)
    {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void quietJooq()
    {
        // jOOQ prints a banner and tips at first use; a library must not spam its users' logs.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }
}
