package io.magnum.api.internal;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A failure the HTTP layer itself reports (no route, a method not allowed, an unreadable body, a bad version
 * header), with its status. The facade's failures stay {@link io.magnum.MagnumException}s.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    public ApiException(int status, String message)
    {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers)
    {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message)
    {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message)
    {
        return new ApiException(404, message);
    }

    public int status()
    {
        return status;
    }

    public Map<String, String> headers()
    {
        return headers;
    }
}
