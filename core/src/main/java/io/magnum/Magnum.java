package io.magnum;

import io.magnum.core.bootstrap.MagnumBootstrap;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.cloud.Cloud;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * OpenStack Magnum, embedded: baymodels, bays, their certificates and the objects of their container orchestration
 * engines, behind one object. Build one, share it, close it.
 *
 * <pre>{@code
 * try (Magnum magnum = Magnum.builder()
 *         .database(Path.of("magnum-db"))      // default: in-memory H2
 *         .cloud(LocalCloud.create())           // or an OpenStack cloud
 *         .build()) {
 *     magnum.bayModels().create(BayModelSpec.builder().name("k8sbaymodel").coe("kubernetes")
 *             .imageId("fedora-21-atomic-5").keypairId("testkey").externalNetworkId("public").build());
 * }
 * }</pre>
 *
 * <h2>Tenancy</h2>
 * Every call runs as a {@link RequestContext}. A plain {@code Magnum} runs as {@link RequestContext#DEFAULT}, the
 * admin of a single default project; {@link #as(RequestContext)} gives a view that runs as someone else.
 *
 * <h2>Threads and errors</h2>
 * An instance is thread-safe. Every method throws only {@link MagnumException} and its subclasses, except
 * {@link IllegalStateException} after {@link #close()}.
 */
public interface Magnum extends AutoCloseable
{
    /** @return a builder with the embedded defaults */
    static Builder builder()
    {
        return new Builder();
    }

    /** @return the baymodels */
    BayModels bayModels();

    /** @return the bays */
    Bays bays();

    /** @return the bays' certificates ({@code ca-show}, {@code ca-sign}, {@code ca-rotate}) */
    Certificates certificates();

    /** @return the registered Magnum services ({@code service-list}) */
    MagnumServices magnumServices();

    /** @return the pods of Kubernetes bays ({@code pod-*}) */
    Pods pods();

    /** @return the services of Kubernetes bays ({@code coe-service-*}) */
    CoeServices services();

    /** @return the replication controllers of Kubernetes bays ({@code rc-*}) */
    ReplicationControllers replicationControllers();

    /** @return the containers of Swarm and Mesos bays ({@code container-*}) */
    Containers containers();

    /** @return the per-project limits on bays ({@code quotas-*}) */
    Quotas quotas();

    /** @return who this view's calls run as */
    RequestContext context();

    /**
     * A view of the same instance whose calls run as {@code context}. Views share everything and own nothing:
     * closing a view does nothing; close the instance {@link Builder#build()} returned.
     *
     * @param context who the calls run as
     * @return the view
     */
    Magnum as(RequestContext context);

    /**
     * Stops the heartbeat and background work, releases the database and closes the drivers and (unless told
     * otherwise) the cloud. Idempotent. Later calls throw {@link IllegalStateException}.
     */
    @Override
    void close();

    /**
     * Configures and starts a {@link Magnum}. Setters validate eagerly and throw {@link IllegalArgumentException}
     * or {@link NullPointerException} for misuse. Not thread-safe.
     */
    final class Builder
    {
        private Path databaseFile;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private DataSource dataSource;
        private Cloud cloud;
        private boolean closeCloud = true;
        private final List<CoeDriver> drivers = new ArrayList<>();
        private boolean discoverDrivers = true;
        private final Set<String> disabledDrivers = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();
        private RequestContext defaultContext = RequestContext.DEFAULT;
        private String host;
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration serviceDownTime = Duration.ofSeconds(180);
        private Duration syncInterval = Duration.ofSeconds(1);
        private int conductorThreads = 4;
        private String magnumUrl = "http://127.0.0.1:9511/v1";
        private byte[] encryptionKey;
        private int maxBaysPerProject = 20;

        private Builder()
        {
        }

        /**
         * Keeps state in an H2 database file ({@code magnum-db} becomes {@code magnum-db.mv.db}), created with its
         * parent directories if missing. The default is an in-memory database that lives as long as the instance.
         *
         * @param file the database file, without the {@code .mv.db} suffix
         * @return this
         */
        public Builder database(Path file)
        {
            this.databaseFile = requireNonNull(file, "file is null");
            this.jdbcUrl = null;
            this.dataSource = null;
            return this;
        }

        /**
         * Keeps state in the database at a JDBC URL (H2 or PostgreSQL).
         *
         * @param url      the JDBC URL
         * @param user     the user, or null
         * @param password the password, or null
         * @return this
         */
        public Builder database(String url, String user, String password)
        {
            requireNonNull(url, "url is null");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("not a JDBC URL: " + url);
            }
            this.jdbcUrl = url;
            this.jdbcUser = user;
            this.jdbcPassword = password;
            this.databaseFile = null;
            this.dataSource = null;
            return this;
        }

        /**
         * Keeps state in a database the caller owns; it is not closed by {@link Magnum#close()}.
         *
         * @param dataSource the data source
         * @return this
         */
        public Builder dataSource(DataSource dataSource)
        {
            this.dataSource = requireNonNull(dataSource, "dataSource is null");
            this.databaseFile = null;
            this.jdbcUrl = null;
            return this;
        }

        /**
         * The cloud bays are built on, such as {@code LocalCloud.create()}. Required. The instance closes it when it
         * closes, unless {@link #closeCloud(boolean) closeCloud(false)}.
         *
         * @param cloud the cloud
         * @return this
         */
        public Builder cloud(Cloud cloud)
        {
            this.cloud = requireNonNull(cloud, "cloud is null");
            return this;
        }

        /**
         * @param closeCloud whether {@link Magnum#close()} also closes the cloud (default true)
         * @return this
         */
        public Builder closeCloud(boolean closeCloud)
        {
            this.closeCloud = closeCloud;
            return this;
        }

        /**
         * Adds a driver besides those found on the class path.
         *
         * @param driver the driver
         * @return this
         */
        public Builder driver(CoeDriver driver)
        {
            drivers.add(requireNonNull(driver, "driver is null"));
            return this;
        }

        /**
         * @param discover whether to load the drivers {@link java.util.ServiceLoader} finds (default true)
         * @return this
         */
        public Builder discoverDrivers(boolean discover)
        {
            this.discoverDrivers = discover;
            return this;
        }

        /**
         * Ignores a discovered driver, as Magnum's {@code [drivers] disabled_drivers} does.
         *
         * @param name the driver's name, such as {@code mesos_ubuntu_v1}
         * @return this
         */
        public Builder disableDriver(String name)
        {
            disabledDrivers.add(requireNonNull(name, "name is null"));
            return this;
        }

        /**
         * @param clock the clock for timestamps and heartbeats (default: the system clock, UTC)
         * @return this
         */
        public Builder clock(Clock clock)
        {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * @param context who a plain instance's calls run as (default {@link RequestContext#DEFAULT})
         * @return this
         */
        public Builder defaultContext(RequestContext context)
        {
            this.defaultContext = requireNonNull(context, "context is null");
            return this;
        }

        /**
         * @param host the host name the conductor registers under (default: this machine's name)
         * @return this
         */
        public Builder host(String host)
        {
            requireNonNull(host, "host is null");
            if (host.isBlank() || host.length() > 255) {
                throw new IllegalArgumentException("host must be 1 to 255 characters");
            }
            this.host = host;
            return this;
        }

        /**
         * @param interval how often the conductor reports it is alive (default 10 s)
         * @return this
         */
        public Builder heartbeatInterval(Duration interval)
        {
            requirePositive(interval, "heartbeatInterval");
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * @param downTime how old a heartbeat may be before its service shows {@code down} (default 180 s)
         * @return this
         */
        public Builder serviceDownTime(Duration downTime)
        {
            requirePositive(downTime, "serviceDownTime");
            this.serviceDownTime = downTime;
            return this;
        }

        /**
         * @param interval how often the status sync asks the cloud about bays in progress (default 1 s; Magnum's
         *                 periodic task runs every 60 s)
         * @return this
         */
        public Builder syncInterval(Duration interval)
        {
            requirePositive(interval, "syncInterval");
            this.syncInterval = interval;
            return this;
        }

        /**
         * @param threads how many bay operations the conductor runs at once (default 4)
         * @return this
         */
        public Builder conductorThreads(int threads)
        {
            if (threads < 1) {
                throw new IllegalArgumentException("conductorThreads < 1");
            }
            this.conductorThreads = threads;
            return this;
        }

        /**
         * @param url the Magnum API the bays' nodes call for their certificates (default
         *            {@code http://127.0.0.1:9511/v1})
         * @return this
         */
        public Builder magnumUrl(String url)
        {
            this.magnumUrl = requireNonNull(url, "url is null");
            return this;
        }

        /**
         * The default quota: how many bays a project without a quota of its own ({@link Quotas}) may hold, whatever
         * their status (default 20, Magnum's {@code [quotas] max_clusters_per_project}).
         *
         * @param max 0 or more
         * @return this
         */
        public Builder maxBaysPerProject(int max)
        {
            if (max < 0) {
                throw new IllegalArgumentException("maxBaysPerProject < 0");
            }
            this.maxBaysPerProject = max;
            return this;
        }

        /**
         * The key that encrypts the bays' private keys at rest (AES-256: 32 bytes). Without one, a file database
         * gets a generated key in a file beside it, readable by its owner only; an in-memory database a key in
         * memory.
         *
         * @param key 32 bytes
         * @return this
         */
        public Builder encryptionKey(byte[] key)
        {
            requireNonNull(key, "key is null");
            if (key.length != 32) {
                throw new IllegalArgumentException("encryptionKey must be 32 bytes, not " + key.length);
            }
            this.encryptionKey = key.clone();
            return this;
        }

        /**
         * Migrates the database schema, loads the drivers, registers the conductor and returns the running instance.
         *
         * @return the instance; close it when done
         * @throws IllegalStateException when no cloud was given
         * @throws MagnumException       when the database cannot be opened or migrated, or the drivers clash
         */
        public Magnum build()
        {
            if (cloud == null) {
                throw new IllegalStateException(
                        "no cloud: call cloud(LocalCloud.create()) for the embedded cloud, or give an OpenStack cloud");
            }
            boolean lasting = dataSource != null || (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:h2:mem:"));
            if (lasting && encryptionKey == null) {
                // a generated key is kept beside a database file; for a URL or a data source there is no such
                // place, and a key held in memory would leave the stored private keys unreadable after a restart
                throw new IllegalStateException("a database given by URL or data source needs encryptionKey(..) for"
                        + " the bays' private keys");
            }
            return MagnumBootstrap.start(new MagnumConfig(databaseFile, jdbcUrl, jdbcUser, jdbcPassword, dataSource,
                    cloud, closeCloud, List.copyOf(drivers), discoverDrivers, Set.copyOf(disabledDrivers), clock,
                    defaultContext, host == null ? localHostName() : host, heartbeatInterval, serviceDownTime,
                    syncInterval, conductorThreads, magnumUrl, encryptionKey == null ? null : encryptionKey.clone(),
                    maxBaysPerProject));
        }

        private static String localHostName()
        {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            }
            catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }

        private static void requirePositive(Duration duration, String name)
        {
            requireNonNull(duration, name + " is null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }
}
