package io.magnum.core.cloud.openstack;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Reads the variables an {@code openrc} file sets, as the {@code openstack} command does: {@code OS_AUTH_URL},
 * {@code OS_AUTH_TYPE} ({@code password}, {@code v3password}, {@code token} or {@code v3token}; inferred when unset),
 * {@code OS_USERNAME}, {@code OS_PASSWORD}, {@code OS_USER_DOMAIN_NAME} / {@code OS_USER_DOMAIN_ID},
 * {@code OS_TOKEN} / {@code OS_AUTH_TOKEN}, {@code OS_PROJECT_NAME} / {@code OS_TENANT_NAME} / {@code OS_PROJECT_ID},
 * {@code OS_PROJECT_DOMAIN_NAME} / {@code OS_PROJECT_DOMAIN_ID} and {@code OS_REGION_NAME}. A missing variable is an
 * {@link IllegalArgumentException} that names it.
 */
public final class OpenStackEnvironment
{
    private OpenStackEnvironment()
    {
    }

    /**
     * @param env            the variables, such as {@link System#getenv()}
     * @param connectTimeout connect timeout of each request
     * @param readTimeout    read timeout of each request
     * @return the settings they describe
     * @throws IllegalArgumentException naming the first missing variable
     */
    public static OpenStackSettings settings(Map<String, String> env, Duration connectTimeout, Duration readTimeout)
    {
        requireNonNull(env, "env is null");
        String authUrl = require(env, "OS_AUTH_URL", "the Keystone v3 endpoint, such as http://keystone:5000/v3");
        String token = first(env, "OS_TOKEN", "OS_AUTH_TOKEN");
        String username = get(env, "OS_USERNAME");
        boolean tokenAuth = tokenAuth(get(env, "OS_AUTH_TYPE"), token, username);

        String password = null;
        String userDomainName = null;
        String userDomainId = null;
        if (tokenAuth) {
            if (token == null) {
                throw missing("OS_TOKEN (or OS_AUTH_TOKEN)", "token authentication needs a token");
            }
            username = null;
        }
        else {
            token = null;
            if (username == null) {
                throw missing("OS_USERNAME", "password authentication needs a user (or set OS_TOKEN for token authentication)");
            }
            password = env.get("OS_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw missing("OS_PASSWORD", "password authentication needs the password of " + username);
            }
            userDomainName = get(env, "OS_USER_DOMAIN_NAME");
            userDomainId = get(env, "OS_USER_DOMAIN_ID");
            if (userDomainName == null && userDomainId == null) {
                throw missing("OS_USER_DOMAIN_NAME (or OS_USER_DOMAIN_ID)", "Keystone v3 needs the domain of " + username);
            }
        }

        String projectId = get(env, "OS_PROJECT_ID");
        String projectName = first(env, "OS_PROJECT_NAME", "OS_TENANT_NAME");
        String projectDomainName = get(env, "OS_PROJECT_DOMAIN_NAME");
        String projectDomainId = get(env, "OS_PROJECT_DOMAIN_ID");
        if (projectId == null) {
            if (projectName == null) {
                throw missing("OS_PROJECT_NAME (or OS_PROJECT_ID)", "the token must be scoped to a project");
            }
            if (projectDomainName == null && projectDomainId == null) {
                throw missing("OS_PROJECT_DOMAIN_NAME (or OS_PROJECT_DOMAIN_ID)", "Keystone v3 needs the domain of project " + projectName);
            }
        }
        return new OpenStackSettings(authUrl, username, password, userDomainName, userDomainId, token, projectName,
                projectId, projectDomainName, projectDomainId, get(env, "OS_REGION_NAME"), connectTimeout, readTimeout);
    }

    private static boolean tokenAuth(String authType, String token, String username)
    {
        if (authType == null) {
            return token != null && username == null;
        }
        return switch (authType.toLowerCase(Locale.ROOT)) {
            case "password", "v3password" -> false;
            case "token", "v3token" -> true;
            default -> throw new IllegalArgumentException("OS_AUTH_TYPE=" + authType
                    + " is not supported: magnum4j authenticates with password (v3password) or token (v3token)");
        };
    }

    private static String require(Map<String, String> env, String name, String what)
    {
        String value = get(env, name);
        if (value == null) {
            throw missing(name, "it must be " + what);
        }
        return value;
    }

    private static IllegalArgumentException missing(String variable, String why)
    {
        return new IllegalArgumentException(variable + " is not set: " + why);
    }

    private static String first(Map<String, String> env, String name, String alias)
    {
        String value = get(env, name);
        return value != null ? value : get(env, alias);
    }

    private static String get(Map<String, String> env, String name)
    {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
