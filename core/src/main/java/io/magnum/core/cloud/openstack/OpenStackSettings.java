package io.magnum.core.cloud.openstack;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Where and as whom to talk to OpenStack: a Keystone v3 endpoint, a password (user and user domain) or a token, and a
 * project to scope to. Validated on construction; {@link #toString()} leaves the password and the token out.
 *
 * @param authUrl           the Keystone v3 endpoint, normalised to end with {@code /v3}
 * @param username          the user name, for password authentication
 * @param password          the password, for password authentication
 * @param userDomainName    the user's domain by name
 * @param userDomainId      the user's domain by id
 * @param token             an existing token, for token authentication (then username and password are null)
 * @param projectName       the project by name (needs a project domain)
 * @param projectId         the project by id
 * @param projectDomainName the project's domain by name
 * @param projectDomainId   the project's domain by id
 * @param regionName        the region whose endpoints to use, or null for the first public endpoint of each service
 * @param connectTimeout    connect timeout of each HTTP request
 * @param readTimeout       read timeout of each HTTP request
 */
public record OpenStackSettings(
        String authUrl,
        String username,
        String password,
        String userDomainName,
        String userDomainId,
        String token,
        String projectName,
        String projectId,
        String projectDomainName,
        String projectDomainId,
        String regionName,
        Duration connectTimeout,
        Duration readTimeout)
{
    public OpenStackSettings
    {
        authUrl = normaliseAuthUrl(blankToNull(authUrl));
        username = blankToNull(username);
        password = password == null || password.isEmpty() ? null : password;
        userDomainName = blankToNull(userDomainName);
        userDomainId = blankToNull(userDomainId);
        token = blankToNull(token);
        projectName = blankToNull(projectName);
        projectId = blankToNull(projectId);
        projectDomainName = blankToNull(projectDomainName);
        projectDomainId = blankToNull(projectDomainId);
        regionName = blankToNull(regionName);
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        if (connectTimeout.isNegative() || readTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (token != null) {
            if (username != null || password != null) {
                throw new IllegalArgumentException("give either a token or a username and password, not both");
            }
        }
        else {
            if (username == null) {
                throw new IllegalArgumentException("username (with password) or token is required");
            }
            if (password == null) {
                throw new IllegalArgumentException("password is required with username");
            }
            if (userDomainName == null && userDomainId == null) {
                throw new IllegalArgumentException("userDomainName or userDomainId is required with username");
            }
        }
        if (projectId == null) {
            if (projectName == null) {
                throw new IllegalArgumentException("projectName or projectId is required");
            }
            if (projectDomainName == null && projectDomainId == null) {
                throw new IllegalArgumentException("projectDomainName or projectDomainId is required with projectName");
            }
        }
    }

    /** @return whether this authenticates with a password (and so can authenticate again) */
    public boolean passwordAuth()
    {
        return token == null;
    }

    /** @return who this authenticates as, without secrets: {@code user admin (domain Default)} or {@code a token} */
    public String principal()
    {
        if (!passwordAuth()) {
            return "a token";
        }
        return "user " + username + " (domain " + (userDomainName != null ? userDomainName : "id " + userDomainId) + ")";
    }

    /** @return the project, without secrets: {@code project admin (domain Default)} or {@code project id 8b2a...} */
    public String project()
    {
        if (projectId != null) {
            return "project id " + projectId;
        }
        return "project " + projectName + " (domain " + (projectDomainName != null ? projectDomainName : "id " + projectDomainId) + ")";
    }

    @Override
    public String toString()
    {
        return "OpenStackSettings[authUrl=" + authUrl + ", " + principal() + ", " + project()
                + (regionName == null ? "" : ", region " + regionName) + "]";
    }

    private static String normaliseAuthUrl(String url)
    {
        if (url == null) {
            throw new IllegalArgumentException("authUrl is required");
        }
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("authUrl is not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("authUrl must be an http or https URL: " + url);
        }
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith("/v3")) {
            return trimmed;
        }
        if (trimmed.matches(".*/v2(\\.0)?")) {
            throw new IllegalArgumentException("authUrl must be a Keystone v3 endpoint, not v2: " + url);
        }
        return trimmed + "/v3";
    }

    private static String blankToNull(String value)
    {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
