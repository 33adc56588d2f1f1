package io.magnum.api.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.Quota;

/**
 * {@code /v1/quotas} (API 1.6, {@code magnum quotas-*}): {@code GET} lists the quotas that are set (admins; the
 * caller's project, or every project with {@code ?all_tenants=True}), paged by quota id; {@code POST}
 * {@code {"project_id", "resource", "hard_limit"}} sets one (201); {@code GET /{project_id}/{resource}} shows one
 * (the default limit when none is set); {@code PATCH} with the same body as the create changes its
 * {@code hard_limit} (202, as Magnum answers); {@code DELETE} removes it (204).
 */
public final class QuotaResource
{
    private static final Map<String, Comparator<Quota>> SORTS = Map.of(
            "id", Comparator.comparing(Quota::id),
            "project_id", Comparator.comparing(Quota::projectId),
            "resource", Comparator.comparing(Quota::resource),
            "hard_limit", Comparator.comparingInt(Quota::hardLimit),
            "created_at", Comparator.comparing(Quota::createdAt));

    private final Json json;

    /** @param json the JSON reader and writer */
    public QuotaResource(Json json)
    {
        this.json = json;
    }

    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        router.get("/v1/quotas", (request, path) -> list(versioned(request)))
                .post("/v1/quotas", (request, path) -> create(versioned(request)))
                .get("/v1/quotas/{project}/{resource}", (request, path) -> ApiResponse.ok(view(versioned(request)
                        .magnum().quotas().get(path.get("project"), path.get("resource")))))
                .patch("/v1/quotas/{project}/{resource}",
                        (request, path) -> update(versioned(request), path.get("project"), path.get("resource")))
                .delete("/v1/quotas/{project}/{resource}", (request, path) -> {
                    versioned(request).magnum().quotas().delete(path.get("project"), path.get("resource"));
                    return ApiResponse.noContent();
                });
    }

    private static ApiRequest versioned(ApiRequest request)
    {
        if (!request.version().atLeast(ApiVersion.QUOTAS)) {
            throw new ApiException(406, "Version " + request.version() + " was requested but /v1/quotas needs version "
                    + ApiVersion.QUOTAS + " or later (" + ApiVersion.HEADER + ": " + ApiVersion.QUOTAS.header() + ").");
        }
        return request;
    }

    private ApiResponse list(ApiRequest request)
    {
        ListParams params = ListParams.of(request, Set.of("all_tenants"));
        String all = request.query("all_tenants");
        boolean allProjects = all != null && (all.equalsIgnoreCase("true") || all.equals("1"));
        if (all != null && !allProjects && !all.equalsIgnoreCase("false") && !all.equals("0")) {
            throw ApiException.badRequest("Invalid value for all_tenants: '" + Values.abbreviate(all)
                    + "'. Expected True or False.");
        }
        Comparator<Quota> order = SORTS.get(params.sortKey());
        if (order == null) {
            throw ApiException.badRequest("Invalid sort_key '" + Values.abbreviate(params.sortKey())
                    + "'. Quotas sort by " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet())) + ".");
        }
        boolean descending = params.sortDir().equalsIgnoreCase("desc");
        if (!descending && !params.sortDir().equalsIgnoreCase("asc")) {
            throw ApiException.badRequest("Invalid sort direction '" + Values.abbreviate(params.sortDir())
                    + "'. Acceptable values are 'asc' or 'desc'.");
        }
        int limit = params.limit() == null ? ListOptions.MAX_LIMIT : params.limit();
        if (limit < 0) {
            throw ApiException.badRequest("Limit must be positive");
        }
        limit = Math.min(Math.max(limit, 1), ListOptions.MAX_LIMIT);
        order = order.thenComparing(Quota::id);
        List<Quota> sorted = new ArrayList<>(request.magnum().quotas().list(allProjects));
        sorted.sort(descending ? order.reversed() : order);
        int start = 0;
        if (params.marker() != null) {
            int at = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (String.valueOf(sorted.get(i).id()).equals(params.marker())) {
                    at = i;
                }
            }
            if (at < 0) {
                throw ApiException.badRequest("Marker " + Values.abbreviate(params.marker()) + " is not a quota id");
            }
            start = at + 1;
        }
        List<Quota> items = sorted.subList(start, Math.min(sorted.size(), start + limit));
        Optional<String> next = start + limit < sorted.size() && !items.isEmpty()
                ? Optional.of(String.valueOf(items.get(items.size() - 1).id())) : Optional.empty();
        Function<Quota, Map<String, Object>> view = QuotaResource::view;
        return ApiResponse.ok(params.collection(request, "quotas", "quotas", new Page<>(items, next), view));
    }

    private ApiResponse create(ApiRequest request)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), "quota"), "quota");
        body.require("project_id");
        body.require("resource");
        String project = body.string("project_id", 255);
        String resource = body.string("resource", 255);
        Integer limit = body.integer("hard_limit", 0, Integer.MAX_VALUE);
        body.known("id", "created_at", "updated_at");
        body.check();
        Quota quota = request.magnum().quotas().create(project, resource, limit == null ? 1 : limit);
        return ApiResponse.created(view(quota), request.hostUrl() + "/v1/quotas/" + project + "/" + resource);
    }

    private ApiResponse update(ApiRequest request, String project, String resource)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), "quota"), "quota");
        String givenProject = body.string("project_id", 255);
        String givenResource = body.string("resource", 255);
        body.require("hard_limit");
        Integer limit = body.integer("hard_limit", 0, Integer.MAX_VALUE);
        body.known("id", "created_at", "updated_at");
        if (givenProject != null && !givenProject.equals(project)) {
            body.violation("project_id", "project_id '" + Values.abbreviate(givenProject) + "' is not the quota's ("
                    + project + "); a quota's project and resource cannot change");
        }
        if (givenResource != null && !givenResource.equals(resource)) {
            body.violation("resource", "resource '" + Values.abbreviate(givenResource) + "' is not the quota's ("
                    + resource + "); a quota's project and resource cannot change");
        }
        body.check();
        return ApiResponse.accepted(view(request.magnum().quotas().update(project, resource, limit)));
    }

    private static Map<String, Object> view(Quota quota)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", quota.id());
        view.put("project_id", quota.projectId());
        view.put("resource", quota.resource());
        view.put("hard_limit", quota.hardLimit());
        view.put("created_at", Values.timestamp(quota.createdAt()));
        view.put("updated_at", Values.timestamp(quota.updatedAt()));
        return view;
    }
}
