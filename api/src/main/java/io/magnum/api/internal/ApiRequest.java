package io.magnum.api.internal;

import io.magnum.Magnum;
import io.magnum.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One authenticated request, as routes see it: the facade scoped to the caller, the negotiated version, the query,
 * the body, and the base URL links are made from.
 */
public final class ApiRequest
{
    private final String method;
    private final Map<String, List<String>> query;
    private final Supplier<byte[]> body;
    private final Magnum magnum;
    private final RequestContext context;
    private final ApiVersion version;
    private final String hostUrl;

    public ApiRequest(String method, Map<String, List<String>> query, Supplier<byte[]> body, Magnum magnum,
            ApiVersion version, String hostUrl)
    {
        this.method = requireNonNull(method, "method is null");
        this.query = Map.copyOf(requireNonNull(query, "query is null"));
        this.body = requireNonNull(body, "body is null");
        this.magnum = requireNonNull(magnum, "magnum is null");
        this.context = magnum.context();
        this.version = requireNonNull(version, "version is null");
        this.hostUrl = requireNonNull(hostUrl, "hostUrl is null");
    }

    public String method()
    {
        return method;
    }

    /** @return the facade, running as the caller */
    public Magnum magnum()
    {
        return magnum;
    }

    public RequestContext context()
    {
        return context;
    }

    public ApiVersion version()
    {
        return version;
    }

    /** @return {@code http://host:port}, from the request's Host header */
    public String hostUrl()
    {
        return hostUrl;
    }

    /** @return the request body, read once; an empty array when there is none */
    public byte[] body()
    {
        return body.get();
    }

    /**
     * @param name a query parameter
     * @return its first value, or null
     */
    public String query(String name)
    {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Refuses query parameters a route does not take, as Magnum's API does.
     *
     * @param allowed the parameters the route takes
     * @throws ApiException 400 naming the unknown ones
     */
    public void allowQuery(Set<String> allowed)
    {
        Set<String> unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Unknown argument" + (unknown.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", unknown) + (allowed.isEmpty() ? "; this request takes no query parameters"
                    : "; this request takes " + new TreeSet<>(allowed)));
        }
    }
}
