package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Validates tokens against Keystone v3 ({@code GET /v3/auth/tokens} with the token as both {@code X-Auth-Token} and
 * {@code X-Subject-Token}: Keystone's default policy lets a token validate itself, so the server needs no service
 * account) and takes the project, user and roles from Keystone's answer. A valid token is cached until it expires
 * or for {@link Builder#cacheTtl(Duration) the cache TTL} (5 minutes by default), whichever comes first. Tokens are
 * never logged; the cache keys are their SHA-256 digests. Thread-safe.
 *
 * <pre>{@code
 * TokenAuthenticator keystone = KeystoneTokenAuthenticator.builder(System.getenv("OS_AUTH_URL")).build();
 * }</pre>
 */
public final class KeystoneTokenAuthenticator implements TokenAuthenticator
{
    private static final Logger log = LoggerFactory.getLogger(KeystoneTokenAuthenticator.class);
    private static final String REQUIRED = "The request you have made requires authentication.";

    private final String authUrl;
    private final URI tokens;
    private final Duration timeout;
    private final Duration cacheTtl;
    private final int maxCached;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(RequestContext context, Instant until)
    {
    }

    private KeystoneTokenAuthenticator(Builder builder)
    {
        this.authUrl = builder.authUrl;
        this.tokens = URI.create(authUrl + "/auth/tokens");
        this.timeout = builder.timeout;
        this.cacheTtl = builder.cacheTtl;
        this.maxCached = builder.maxCached;
        this.clock = builder.clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param authUrl Keystone's URL, such as {@code OS_AUTH_URL} ({@code http://keystone:5000/v3}; {@code /v3} is
     *                added when missing)
     * @return a builder
     */
    public static Builder builder(String authUrl)
    {
        return new Builder(authUrl);
    }

    /** @return the Keystone v3 URL tokens are validated at */
    public String authUrl()
    {
        return authUrl;
    }

    @Override
    public RequestContext authenticate(String token)
    {
        if (token == null || token.isBlank()) {
            throw refused(REQUIRED);
        }
        String key = digest(token);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.context();
        }
        Validated validated = validate(token, now);
        Instant until = validated.expiresAt().isBefore(now.plus(cacheTtl)) ? validated.expiresAt() : now.plus(cacheTtl);
        if (cache.size() >= maxCached) {
            cache.values().removeIf(c -> !c.until().isAfter(now));
            if (cache.size() >= maxCached) {
                cache.clear();
            }
        }
        cache.put(key, new Cached(validated.context(), until));
        return validated.context();
    }

    private record Validated(RequestContext context, Instant expiresAt)
    {
    }

    private Validated validate(String token, Instant now)
    {
        HttpRequest request = HttpRequest.newBuilder(tokens).timeout(timeout).GET()
                .header("X-Auth-Token", token).header("X-Subject-Token", token).header("Accept", "application/json")
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "Keystone at " + authUrl
                    + " could not be reached to validate a token: " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "Interrupted while validating a token with Keystone",
                    e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403 || status == 404) {
            log.debug("Keystone refused a token: HTTP {}", status);
            throw refused(REQUIRED);
        }
        if (status != 200) {
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "Keystone at " + authUrl + " answered HTTP " + status
                    + " when validating a token");
        }
        return parse(response.body(), now);
    }

    private Validated parse(byte[] body, Instant now)
    {
        JsonNode token;
        try {
            token = mapper.readTree(body).path("token");
        }
        catch (IOException e) {
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "Keystone's token answer is not JSON", e);
        }
        String project = token.path("project").path("id").asText(null);
        String user = token.path("user").path("id").asText(null);
        if (project == null || project.isBlank()) {
            throw refused("The token is not scoped to a project; Magnum needs a project-scoped token.");
        }
        if (user == null || user.isBlank()) {
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "Keystone's token answer names no user");
        }
        Set<String> roles = new HashSet<>();
        for (JsonNode role : token.path("roles")) {
            String name = role.path("name").asText(null);
            if (name != null) {
                roles.add(name);
            }
        }
        Instant expires;
        try {
            String text = token.path("expires_at").asText(null);
            expires = text == null ? now.plus(cacheTtl) : Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "Keystone's token answer has an unreadable expires_at",
                    e);
        }
        if (!expires.isAfter(now)) {
            throw refused("The token has expired.");
        }
        return new Validated(new RequestContext(project, user, roles), expires);
    }

    private AuthenticationException refused(String message)
    {
        return new AuthenticationException(message, "Keystone uri=\"" + authUrl + "\"");
    }

    private static String digest(String token)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString()
    {
        return "KeystoneTokenAuthenticator[" + authUrl + "]";
    }

    /** Configures a {@link KeystoneTokenAuthenticator}. Not thread-safe. */
    public static final class Builder
    {
        private final String authUrl;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration cacheTtl = Duration.ofMinutes(5);
        private int maxCached = 10_000;
        private Clock clock = Clock.systemUTC();

        private Builder(String authUrl)
        {
            requireNonNull(authUrl, "authUrl is null");
            String url = authUrl.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("authUrl must be an http(s) URL, not '" + authUrl + "'");
            }
            this.authUrl = url.endsWith("/v3") ? url : url + "/v3";
        }

        /** @param timeout how long one validation may take (default 10 s) @return this */
        public Builder timeout(Duration timeout)
        {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** @param cacheTtl how long a validated token is trusted without asking again (default 5 min) @return this */
        public Builder cacheTtl(Duration cacheTtl)
        {
            this.cacheTtl = positive(cacheTtl, "cacheTtl");
            return this;
        }

        /** @param maxCached how many tokens the cache holds (default 10,000) @return this */
        public Builder maxCached(int maxCached)
        {
            if (maxCached < 1) {
                throw new IllegalArgumentException("maxCached < 1");
            }
            this.maxCached = maxCached;
            return this;
        }

        /** @param clock the clock token expiry is judged by (default: the system clock) @return this */
        public Builder clock(Clock clock)
        {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** @return the authenticator */
        public KeystoneTokenAuthenticator build()
        {
            return new KeystoneTokenAuthenticator(this);
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
