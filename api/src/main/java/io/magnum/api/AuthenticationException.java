package io.magnum.api;

import java.util.Optional;

/**
 * A request's token was refused: missing, unknown, expired, or not scoped to a project. The server answers 401 with
 * Magnum's error body, and with a {@code WWW-Authenticate} header when the exception names a challenge (such as
 * {@code Keystone uri="http://keystone:5000/v3"}).
 *
 * <pre>{@code
 * throw new AuthenticationException("The request you have made requires authentication.", null);
 * }</pre>
 */
public final class AuthenticationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String challenge;

    /**
     * @param message   why, for the client
     * @param challenge the {@code WWW-Authenticate} header's value, or null
     */
    public AuthenticationException(String message, String challenge)
    {
        super(message);
        this.challenge = challenge;
    }

    /** @return the {@code WWW-Authenticate} header's value, if any */
    public Optional<String> challenge()
    {
        return Optional.ofNullable(challenge);
    }
}
