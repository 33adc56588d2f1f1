package io.magnum.api.internal;

import io.magnum.model.MagnumService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/mservices} ({@code service-list}, admins only) and {@code /v1/stats} (version 1.4: a project's
 * clusters and nodes).
 */
public final class ServiceResource
{
    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        router.get("/v1/mservices", (request, path) -> services(request))
                .get("/v1/stats", (request, path) -> stats(request));
    }

    private static ApiResponse services(ApiRequest request)
    {
        request.allowQuery(Set.of());
        List<Map<String, Object>> services = request.magnum().magnumServices().list().stream()
                .map(ServiceResource::view).toList();
        return ApiResponse.ok(Map.of("mservices", services));
    }

    private static Map<String, Object> view(MagnumService service)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", service.id());
        view.put("host", service.host());
        view.put("binary", service.binary());
        view.put("state", service.state());
        view.put("report_count", service.reportCount());
        view.put("disabled", service.disabled());
        view.put("disabled_reason", service.disabledReason());
        view.put("created_at", Values.timestamp(service.createdAt()));
        view.put("updated_at", Values.timestamp(service.updatedAt()));
        return view;
    }

    private static ApiResponse stats(ApiRequest request)
    {
        if (!request.version().atLeast(ApiVersion.STATS)) {
            throw new ApiException(406, "Version " + request.version() + " was requested but /v1/stats needs version "
                    + ApiVersion.STATS + " or later (" + ApiVersion.HEADER + ": " + ApiVersion.STATS.header() + ").");
        }
        request.allowQuery(Set.of("project_id", "type"));
        String type = request.query("type");
        if (type != null && !type.equalsIgnoreCase("cluster")) {
            throw ApiException.badRequest("Invalid stats type '" + Values.abbreviate(type)
                    + "'. Allowed values are 'cluster'");
        }
        return ApiResponse.ok(request.magnum().bays().stats(request.query("project_id")).attributes());
    }
}
