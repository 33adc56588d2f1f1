package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magnum.spi.cloud.CloudException;
import org.openstack4j.api.EndpointTokenProvider;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.client.IOSClientBuilder;
import org.openstack4j.api.types.Facing;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.core.transport.ClientConstants;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpRequest;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.core.transport.internal.HttpExecutor;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneAuth;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One Keystone v3 authentication, shared by every thread: the token, scoped to the project, and the catalog it came
 * with. openstack4j keeps its client session in a thread-local, so this never holds an openstack4j client; each
 * {@link #call} binds a new one to the calling thread with {@code OSFactory.clientFromToken(token)}, which costs no
 * request.
 *
 * <p>With a password the session authenticates again when the token is within {@link #REFRESH_MARGIN} of expiring,
 * and once when a service answers 401 (the token was revoked, or Keystone restarted with new keys). A token given by
 * the user cannot be renewed: a 401 is then a {@link CloudException}. openstack4j's own connector would also
 * authenticate again on a 401, with the password it keeps inside the token, on the calling thread only; every request
 * carries the header that turns that off ({@code OS4J-Auth-Command}), so the token here is the only one in use.
 *
 * <p>Passwords and tokens are never logged, and the token object handed to openstack4j (which stays in the
 * thread-locals of the threads that made calls) does not carry the password.
 */
public final class KeystoneSession implements AutoCloseable
{
    /** How long before its expiry a token is replaced. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(KeystoneSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NO_HIDDEN_REAUTHENTICATION = Map.of(ClientConstants.HEADER_OS4J_AUTH, "magnum4j");

    private final OpenStackSettings settings;
    private final Config config;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Auth auth;
    private volatile boolean closed;

    /** A token and what its catalog offers in the configured region. */
    private record Auth(Token token, Instant expiresAt, Set<ServiceType> services)
    {
    }

    public KeystoneSession(OpenStackSettings settings, Clock clock)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = Config.newConfig()
                .withConnectionTimeout(millis(settings.connectTimeout()))
                .withReadTimeout(millis(settings.readTimeout()));
    }

    /** @return the settings, whose {@code toString} holds no secret */
    public OpenStackSettings settings()
    {
        return settings;
    }

    /**
     * Runs one request against a service with an openstack4j client bound to the calling thread. Make one HTTP
     * request per call (a GET may page): after a 401 the whole action runs again with a new token.
     *
     * @param service the service the action talks to; its endpoint must be in the catalog
     * @param action  the request
     * @param <T>     what it returns
     * @return what the action returned
     * @throws OpenStackHttpException when the service answered with an HTTP error other than 401
     * @throws CloudException         when the service cannot be reached, or refuses the token
     * @throws IllegalStateException  after {@link #close()}
     */
    public <T> T call(OpenStackService service, Function<OSClientV3, T> action)
    {
        Auth current = current();
        for (int attempt = 1; ; attempt++) {
            OSClientV3 client = bind(current, service);
            try {
                return action.apply(client);
            }
            catch (RuntimeException e) {
                CloudException failure = OpenStackFailures.translate(service, e);
                if (failure instanceof OpenStackHttpException http && http.status() == 401) {
                    if (attempt == 1 && settings.passwordAuth()) {
                        LOG.info("{} refused the Keystone token (401); authenticating again", service);
                        current = renew(current);
                        continue;
                    }
                    throw new CloudException(service + " refused the Keystone token (401)"
                            + (settings.passwordAuth() ? " after a new authentication" : "; a token given to magnum4j cannot be renewed")
                            + (http.detail().isEmpty() ? "" : ": " + http.detail()), http);
                }
                throw failure;
            }
        }
    }

    /**
     * One JSON request through openstack4j's transport, for what openstack4j's own services get wrong. Call it inside
     * {@link #call}, with the client that call bound.
     *
     * @param client  the client bound by {@link #call}
     * @param service the service: its endpoint in the catalog is the base of {@code path}
     * @param method  the method
     * @param path    the path below the endpoint, such as {@code /stacks}
     * @param query   query parameters
     * @param body    the JSON body, or null
     * @return the JSON answer, a missing node when it has no body
     * @throws OpenStackHttpException on an HTTP error, with the message of the JSON error body
     */
    public JsonNode send(OSClientV3 client, OpenStackService service, HttpMethod method, String path, Map<String, ?> query, JsonNode body)
    {
        if (!(client instanceof EndpointTokenProvider provider)) {
            throw new IllegalStateException("openstack4j client does not provide endpoints: " + client.getClass().getName());
        }
        HttpRequest.RequestBuilder<Void> request = HttpRequest.builder(Void.class)
                .endpointTokenProvider(provider)
                .serviceType(service.type())
                .config(config)
                .method(method)
                .path(path)
                .headers(NO_HIDDEN_REAUTHENTICATION)
                .header(ClientConstants.HEADER_ACCEPT, ClientConstants.CONTENT_TYPE_JSON)
                .header(ClientConstants.HEADER_USER_AGENT, ClientConstants.USER_AGENT);
        query.forEach(request::queryParam);
        try {
            if (body != null) {
                request.json(JSON.writeValueAsString(body));
            }
            HttpResponse response = HttpExecutor.create().execute(request.build());
            try {
                String text = read(response);
                if (response.getStatus() >= 400) {
                    throw new OpenStackHttpException(service, response.getStatus(), OpenStackFailures.errorDetail(text, response.getStatusMessage()), null);
                }
                return text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
            }
            finally {
                response.close();
            }
        }
        catch (IOException e) {
            throw new CloudException(service + " answered with a body magnum4j cannot read: " + e.getMessage(), e);
        }
    }

    /** Forgets the token; later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close()
    {
        closed = true;
        auth = null;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed()
    {
        return closed;
    }

    private Auth current()
    {
        checkOpen();
        Auth current = auth;
        if (current != null && !renewable(current)) {
            return current;
        }
        synchronized (lock) {
            current = auth;
            if (current == null || renewable(current)) {
                if (current != null) {
                    LOG.info("The Keystone token expires at {}; authenticating again", current.expiresAt());
                }
                current = authenticate();
                auth = current;
            }
            return current;
        }
    }

    private Auth renew(Auth failed)
    {
        synchronized (lock) {
            checkOpen();
            Auth current = auth;
            if (current == null || current == failed) {
                current = authenticate();
                auth = current;
            }
            return current;
        }
    }

    private boolean renewable(Auth current)
    {
        return settings.passwordAuth() && current.expiresAt() != null
                && current.expiresAt().isBefore(clock.instant().plus(REFRESH_MARGIN));
    }

    private OSClientV3 bind(Auth current, OpenStackService service)
    {
        checkOpen();
        if (!current.services().contains(service.type())) {
            throw new CloudException("The Keystone catalog for " + settings.project() + " has no public " + service.catalogType()
                    + " (" + service + ") endpoint" + (settings.regionName() == null ? "" : " in region " + settings.regionName()));
        }
        OSClientV3 client = OSFactory.clientFromToken(current.token(), config);
        if (settings.regionName() != null) {
            client.useRegion(settings.regionName());
        }
        client.headers(NO_HIDDEN_REAUTHENTICATION);
        return client;
    }

    private Auth authenticate()
    {
        IOSClientBuilder.V3 builder = OSFactory.builderV3().endpoint(settings.authUrl()).withConfig(config);
        if (settings.passwordAuth()) {
            builder.credentials(settings.username(), settings.password(),
                    identifier(settings.userDomainId(), settings.userDomainName()));
        }
        else {
            builder.token(settings.token());
        }
        if (settings.projectId() != null) {
            builder.scopeToProject(Identifier.byId(settings.projectId()));
        }
        else {
            builder.scopeToProject(Identifier.byName(settings.projectName()),
                    identifier(settings.projectDomainId(), settings.projectDomainName()));
        }
        Token token;
        try {
            token = builder.authenticate().getToken();
        }
        catch (RuntimeException e) {
            throw authenticationFailure(e);
        }
        if (token == null || token.getId() == null) {
            throw new CloudException("Keystone at " + settings.authUrl() + " answered without a token (no X-Subject-Token header)");
        }
        if (token instanceof KeystoneToken keystoneToken) {
            // openstack4j keeps the password in the token for its own re-authentication, which is off: drop it
            keystoneToken.applyContext(token.getEndpoint(), (KeystoneAuth) null);
        }
        Instant expiresAt = token.getExpires() == null ? null : token.getExpires().toInstant();
        Set<ServiceType> services = services(token);
        LOG.info("Authenticated with Keystone at {} as {} for {}; token expires at {}; catalog offers {}",
                settings.authUrl(), settings.principal(), settings.project(), expiresAt, services);
        return new Auth(token, expiresAt, services);
    }

    private CloudException authenticationFailure(RuntimeException e)
    {
        CloudException failure = OpenStackFailures.translate(OpenStackService.KEYSTONE, e);
        String where = "Keystone at " + settings.authUrl();
        if (failure instanceof OpenStackHttpException http) {
            return switch (http.status()) {
                case 401 -> new CloudException(where + " refused " + settings.principal() + " for " + settings.project()
                        + " (401" + (http.detail().isEmpty() ? "" : " " + http.detail()) + ")", e);
                // Keystone answers a token it cannot read with 404 ("Could not recognize Fernet token"); its
                // message may quote the token, so it is left out
                case 404 -> settings.passwordAuth()
                        ? new CloudException(where + " answered 404 to POST /auth/tokens: is it the Keystone v3 endpoint?", e)
                        : new CloudException(where + " does not recognise the token given to magnum4j (404): it has expired,"
                                + " was revoked, or was issued by another Keystone", e);
                default -> new CloudException(where + " could not authenticate " + settings.principal() + ": " + http.getMessage(), e);
            };
        }
        return new CloudException("Cannot authenticate with " + where + ": " + failure.getMessage(), e);
    }

    private Set<ServiceType> services(Token token)
    {
        Set<ServiceType> services = EnumSet.noneOf(ServiceType.class);
        if (token.getCatalog() == null) {
            return services;
        }
        String region = settings.regionName();
        for (Service service : token.getCatalog()) {
            ServiceType type = ServiceType.forName(service.getType());
            if (type == ServiceType.UNKNOWN) {
                type = ServiceType.forName(service.getName());
            }
            if (type == ServiceType.UNKNOWN || service.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : service.getEndpoints()) {
                if (endpoint.getIface() == Facing.PUBLIC && (region == null || region.equals(endpoint.getRegion()))) {
                    services.add(type);
                }
            }
        }
        return services;
    }

    private void checkOpen()
    {
        if (closed) {
            throw new IllegalStateException("OpenStackCloud is closed");
        }
    }

    private static Identifier identifier(String id, String name)
    {
        return id != null ? Identifier.byId(id) : Identifier.byName(name);
    }

    private static String read(HttpResponse response) throws IOException
    {
        try (InputStream in = response.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int millis(Duration duration)
    {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
