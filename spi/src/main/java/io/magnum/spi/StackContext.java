package io.magnum.spi;

import static java.util.Objects.requireNonNull;

/**
 * What the host tells a driver about where the bay's nodes call back: Magnum's API (for certificates), the
 * credentials Magnum's templates pass as parameters, and the cloud's identity endpoint.
 *
 * <pre>{@code
 * params.put("magnum_url", context.magnumUrl());
 * }</pre>
 *
 * @param magnumUrl the Magnum API the nodes reach, such as {@code http://127.0.0.1:9511/v1}
 * @param authUrl   the identity endpoint
 * @param userToken a token the nodes present to Magnum's API
 * @param username  the requesting user
 * @param tenantName the requesting project
 */
public record StackContext(String magnumUrl, String authUrl, String userToken, String username, String tenantName)
{
    public StackContext
    {
        requireNonNull(magnumUrl, "magnumUrl is null");
        requireNonNull(authUrl, "authUrl is null");
        requireNonNull(userToken, "userToken is null");
        requireNonNull(username, "username is null");
        requireNonNull(tenantName, "tenantName is null");
    }
}
