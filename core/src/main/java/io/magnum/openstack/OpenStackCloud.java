package io.magnum.openstack;

import io.magnum.core.cloud.openstack.HeatOrchestration;
import io.magnum.core.cloud.openstack.KeystoneSession;
import io.magnum.core.cloud.openstack.OpenStackEnvironment;
import io.magnum.core.cloud.openstack.OpenStackInventory;
import io.magnum.core.cloud.openstack.OpenStackSettings;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.Flavor;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Keypair;
import io.magnum.spi.cloud.Network;
import io.magnum.spi.cloud.Orchestration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A real OpenStack cloud: bays become Heat stacks, and baymodels are checked against Glance images, Nova flavors and
 * keypairs and Neutron networks. It authenticates with Keystone v3, with a password or an existing token, scoped to a
 * project.
 *
 * <pre>{@code
 * try (Magnum magnum = Magnum.builder()
 *         .cloud(OpenStackCloud.builder()
 *                 .authUrl("http://keystone:5000/v3")
 *                 .username("demo").password(password).userDomainName("Default")
 *                 .projectName("demo").projectDomainName("Default")
 *                 .regionName("RegionOne")
 *                 .build())
 *         .build()) {
 *     ...
 * }
 *
 * Cloud cloud = OpenStackCloud.fromEnvironment();      // after `source openrc`
 * }</pre>
 *
 * <h2>Authentication</h2>
 * Nothing happens in {@link Builder#build()}: the first call authenticates, and the token is shared by every thread.
 * With a password the token is renewed shortly before it expires, and once when a service answers 401. A token given
 * with {@link Builder#token(String)} is used until it stops working; then calls throw
 * {@link io.magnum.spi.cloud.CloudException}. Passwords and tokens are never logged, and {@link #toString()} and
 * {@link #describe()} leave them out.
 *
 * <h2>Threads</h2>
 * An instance is thread-safe and may be used from any thread, including pool threads, and next to other instances
 * (other clouds, other projects) in the same thread. The openstack4j library underneath keeps a client session per
 * thread; each call sets that session on its own thread from this instance's token, so code that uses openstack4j
 * directly on the same thread must set its own session again.
 *
 * <h2>Errors</h2>
 * Lookups return empty when nothing matches. Heat's 404 is {@link io.magnum.spi.cloud.StackNotFoundException}; its 400
 * and 409 (a template or parameters it refuses, a name taken, an action in progress) are
 * {@link io.magnum.spi.cloud.InvalidStackException} with Heat's message. Anything else (an unreachable service, a 5xx,
 * refused credentials) is {@link io.magnum.spi.cloud.CloudException} with the cause. After {@link #close()} every call
 * throws {@link IllegalStateException}.
 *
 * <h2>Heat's stack list</h2>
 * Heat lists stacks without their parameters and outputs, so the stacks {@link Orchestration#list()} and
 * {@link Orchestration#list(java.util.Collection)} return have empty {@code parameters} and {@code outputs};
 * {@link Orchestration#get(String)} has them.
 */
public final class OpenStackCloud implements Cloud
{
    private final KeystoneSession session;
    private final HeatOrchestration heat;
    private final OpenStackInventory inventory;

    private OpenStackCloud(OpenStackSettings settings, Clock clock)
    {
        this.session = new KeystoneSession(settings, clock);
        this.heat = new HeatOrchestration(session);
        this.inventory = new OpenStackInventory(session);
    }

    /** @return a builder; {@link Builder#authUrl}, credentials and a project are required */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * A cloud described by the process environment, as an {@code openrc} file sets it. See
     * {@link #fromEnvironment(Map)}.
     *
     * @return the cloud
     * @throws IllegalArgumentException naming the first variable that is missing
     */
    public static OpenStackCloud fromEnvironment()
    {
        return fromEnvironment(System.getenv());
    }

    /**
     * A cloud described by {@code OS_*} variables, read as the {@code openstack} command reads them:
     * {@code OS_AUTH_URL}; {@code OS_USERNAME}, {@code OS_PASSWORD} and {@code OS_USER_DOMAIN_NAME} (or
     * {@code OS_USER_DOMAIN_ID}), or {@code OS_TOKEN} (or {@code OS_AUTH_TOKEN}); {@code OS_PROJECT_NAME} (or
     * {@code OS_TENANT_NAME}) with {@code OS_PROJECT_DOMAIN_NAME} (or {@code OS_PROJECT_DOMAIN_ID}), or
     * {@code OS_PROJECT_ID}; optionally {@code OS_REGION_NAME}. {@code OS_AUTH_TYPE} may be {@code password},
     * {@code v3password}, {@code token} or {@code v3token}; when unset, a token without a user name means token
     * authentication.
     *
     * @param env the variables
     * @return the cloud
     * @throws IllegalArgumentException naming the first variable that is missing
     */
    public static OpenStackCloud fromEnvironment(Map<String, String> env)
    {
        Builder defaults = new Builder();
        return new OpenStackCloud(OpenStackEnvironment.settings(env, defaults.connectTimeout, defaults.readTimeout), Clock.systemUTC());
    }

    /** @return the Keystone v3 endpoint, given to the bays' templates as {@code auth_url} */
    @Override
    public String authUrl()
    {
        return session.settings().authUrl();
    }

    @Override
    public String describe()
    {
        OpenStackSettings settings = session.settings();
        return "openstack " + settings.authUrl() + " " + settings.project()
                + (settings.regionName() == null ? "" : " region " + settings.regionName());
    }

    @Override
    public Optional<Image> findImage(String idOrName)
    {
        return inventory.findImage(idOrName);
    }

    @Override
    public Optional<Flavor> findFlavor(String idOrName)
    {
        return inventory.findFlavor(idOrName);
    }

    @Override
    public Optional<Keypair> findKeypair(String name)
    {
        return inventory.findKeypair(name);
    }

    @Override
    public Optional<Network> findNetwork(String idOrName)
    {
        return inventory.findNetwork(idOrName);
    }

    @Override
    public Orchestration stacks()
    {
        return heat;
    }

    @Override
    public List<Image> images()
    {
        return inventory.images();
    }

    @Override
    public List<Flavor> flavors()
    {
        return inventory.flavors();
    }

    @Override
    public List<Keypair> keypairs()
    {
        return inventory.keypairs();
    }

    @Override
    public List<Network> networks()
    {
        return inventory.networks();
    }

    /**
     * Forgets the token. Each request opens its own short-lived connection, whose pool thread ends by itself within a
     * second, so there is nothing else to release. Idempotent.
     */
    @Override
    public void close()
    {
        session.close();
    }

    @Override
    public String toString()
    {
        return "OpenStackCloud[" + session.settings() + "]";
    }

    /**
     * Configures an {@link OpenStackCloud}. Give the Keystone v3 endpoint, either a user name, password and user
     * domain or a token, and either a project id or a project name and its domain. Not thread-safe; its
     * {@code toString} leaves the password and token out.
     */
    public static final class Builder
    {
        private String authUrl;
        private String username;
        private String password;
        private String userDomainName;
        private String userDomainId;
        private String token;
        private String projectName;
        private String projectId;
        private String projectDomainName;
        private String projectDomainId;
        private String regionName;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        private Builder()
        {
        }

        /**
         * @param authUrl the Keystone v3 endpoint, such as {@code http://keystone:5000/v3}; {@code /v3} is added
         *                when missing
         * @return this builder
         */
        public Builder authUrl(String authUrl)
        {
            this.authUrl = requireNonNull(authUrl, "authUrl is null");
            return this;
        }

        /**
         * @param username the user to authenticate as, with {@link #password} and a user domain
         * @return this builder
         */
        public Builder username(String username)
        {
            this.username = requireNonNull(username, "username is null");
            return this;
        }

        /**
         * @param password the user's password
         * @return this builder
         */
        public Builder password(String password)
        {
            this.password = requireNonNull(password, "password is null");
            return this;
        }

        /**
         * @param userDomainName the user's domain by name, such as {@code Default}
         * @return this builder
         */
        public Builder userDomainName(String userDomainName)
        {
            this.userDomainName = requireNonNull(userDomainName, "userDomainName is null");
            return this;
        }

        /**
         * @param userDomainId the user's domain by id, such as {@code default}
         * @return this builder
         */
        public Builder userDomainId(String userDomainId)
        {
            this.userDomainId = requireNonNull(userDomainId, "userDomainId is null");
            return this;
        }

        /**
         * Authenticates with an existing Keystone token instead of a password. The token is exchanged for one scoped
         * to the project; it cannot be renewed.
         *
         * @param token the token
         * @return this builder
         */
        public Builder token(String token)
        {
            this.token = requireNonNull(token, "token is null");
            return this;
        }

        /**
         * @param projectName the project by name, with a project domain
         * @return this builder
         */
        public Builder projectName(String projectName)
        {
            this.projectName = requireNonNull(projectName, "projectName is null");
            return this;
        }

        /**
         * @param projectId the project by id
         * @return this builder
         */
        public Builder projectId(String projectId)
        {
            this.projectId = requireNonNull(projectId, "projectId is null");
            return this;
        }

        /**
         * @param projectDomainName the project's domain by name
         * @return this builder
         */
        public Builder projectDomainName(String projectDomainName)
        {
            this.projectDomainName = requireNonNull(projectDomainName, "projectDomainName is null");
            return this;
        }

        /**
         * @param projectDomainId the project's domain by id
         * @return this builder
         */
        public Builder projectDomainId(String projectDomainId)
        {
            this.projectDomainId = requireNonNull(projectDomainId, "projectDomainId is null");
            return this;
        }

        /**
         * @param regionName the region whose endpoints to use; by default the first public endpoint of each service
         * @return this builder
         */
        public Builder regionName(String regionName)
        {
            this.regionName = requireNonNull(regionName, "regionName is null");
            return this;
        }

        /**
         * @param connectTimeout how long to wait for a connection; default 10 seconds
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout)
        {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * @param readTimeout how long to wait for an answer; default 60 seconds
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout)
        {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /**
         * Checks the settings; does not connect.
         *
         * @return the cloud
         * @throws IllegalArgumentException when the endpoint, the credentials or the project are missing or
         *                                  contradict each other
         */
        public OpenStackCloud build()
        {
            return new OpenStackCloud(settings(), Clock.systemUTC());
        }

        OpenStackSettings settings()
        {
            return new OpenStackSettings(authUrl, username, password, userDomainName, userDomainId, token,
                    projectName, projectId, projectDomainName, projectDomainId, regionName, connectTimeout, readTimeout);
        }

        @Override
        public String toString()
        {
            return "OpenStackCloud.Builder[authUrl=" + authUrl + ", username=" + username
                    + ", password=" + (password == null ? "unset" : "set") + ", token=" + (token == null ? "unset" : "set")
                    + ", project=" + (projectId != null ? projectId : projectName) + ", region=" + regionName + "]";
        }

        private static Duration positive(Duration duration, String name)
        {
            requireNonNull(duration, name + " is null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }
}
