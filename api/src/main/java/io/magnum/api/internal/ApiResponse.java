package io.magnum.api.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, a body to write as JSON (or none) and extra headers.
 *
 * @param status  the HTTP status
 * @param body    the body, written as JSON; null for none
 * @param headers extra headers
 */
public record ApiResponse(int status, Object body, Map<String, String> headers)
{
    public ApiResponse
    {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse ok(Object body)
    {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location)
    {
        Map<String, String> headers = new LinkedHashMap<>();
        if (location != null) {
            headers.put("Location", location);
        }
        return new ApiResponse(201, body, headers);
    }

    public static ApiResponse accepted(Object body)
    {
        return new ApiResponse(202, body, Map.of());
    }

    public static ApiResponse noContent()
    {
        return new ApiResponse(204, null, Map.of());
    }
}
