package io.magnum.api;

import io.magnum.RequestContext;

import static java.util.Objects.requireNonNull;

/**
 * Turns a request's {@code X-Auth-Token} into who is calling. The server asks it once per request (except for the
 * version documents {@code /} and {@code /v1}, which are public as in Magnum), from many threads at once, so an
 * implementation must be thread-safe and should be fast (cache what it can).
 *
 * <pre>{@code
 * TokenAuthenticator anyone = TokenAuthenticator.acceptAll(RequestContext.DEFAULT);
 * TokenAuthenticator keystone = KeystoneTokenAuthenticator.builder("http://keystone:5000/v3").build();
 * }</pre>
 */
@FunctionalInterface
public interface TokenAuthenticator
{
    /**
     * @param token the token, or null when the request has none
     * @return who the request acts for
     * @throws AuthenticationException       to refuse the token (401)
     * @throws io.magnum.MagnumException    when the identity service cannot answer (its status, 503 for the cloud)
     */
    RequestContext authenticate(String token);

    /**
     * The embedded default: every request (with any token, or none) acts as one caller, so clients that insist on
     * a token work against a server that has no identity service.
     *
     * @param context who every request acts for
     * @return the authenticator
     */
    static TokenAuthenticator acceptAll(RequestContext context)
    {
        requireNonNull(context, "context is null");
        return new TokenAuthenticator()
        {
            @Override
            public RequestContext authenticate(String token)
            {
                return context;
            }

            @Override
            public String toString()
            {
                return "every token accepted as project " + context.projectId() + ", user " + context.userId();
            }
        };
    }
}
