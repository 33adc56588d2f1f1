package io.magnum.api.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Routes by method and path template ({@code /v1/clusters/{ident}}). A literal segment beats a parameter, so
 * {@code /v1/clusters/detail} wins over {@code /v1/clusters/{ident}}. A path that matches with another method is a
 * 405 naming the allowed ones; no match is a 404. Built once, then read by every request thread.
 */
public final class Router
{
    /** What a route runs. */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param request the request
         * @param path    the path parameters by name
         * @return the response
         */
        ApiResponse handle(ApiRequest request, Map<String, String> path);
    }

    /** A route found for a request. */
    public record Match(Handler handler, Map<String, String> path)
    {
    }

    private record Route(String method, List<String> template, Handler handler)
    {
    }

    private final List<Route> routes = new ArrayList<>();

    /**
     * @param method   the HTTP method
     * @param template the path template, such as {@code /v1/clusters/{ident}}
     * @param handler  the handler
     * @return this
     */
    public Router add(String method, String template, Handler handler)
    {
        requireNonNull(method, "method is null");
        requireNonNull(handler, "handler is null");
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    public Router get(String template, Handler handler)
    {
        return add("GET", template, handler);
    }

    public Router post(String template, Handler handler)
    {
        return add("POST", template, handler);
    }

    public Router put(String template, Handler handler)
    {
        return add("PUT", template, handler);
    }

    public Router patch(String template, Handler handler)
    {
        return add("PATCH", template, handler);
    }

    public Router delete(String template, Handler handler)
    {
        return add("DELETE", template, handler);
    }

    /**
     * @param method   the request's method
     * @param segments the request's decoded path segments
     * @return the best route
     * @throws ApiException 404 or 405
     */
    public Match match(String method, List<String> segments)
    {
        Match best = null;
        int bestScore = -1;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> path = bind(route.template(), segments);
            if (path == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            int score = route.template().size() - path.size();
            if (score > bestScore) {
                best = new Match(route.handler(), path);
                bestScore = score;
            }
        }
        if (best != null) {
            return best;
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, "The method " + method + " is not allowed for this resource; allowed: "
                    + String.join(", ", allowed), Map.of("Allow", String.join(", ", allowed)));
        }
        throw ApiException.notFound("The resource could not be found.");
    }

    private static Map<String, String> bind(List<String> template, List<String> segments)
    {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> path = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                path.put(part.substring(1, part.length() - 1), segments.get(i));
            }
            else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return path;
    }

    private static List<String> segments(String template)
    {
        List<String> parts = new ArrayList<>();
        for (String part : template.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return List.copyOf(parts);
    }
}
