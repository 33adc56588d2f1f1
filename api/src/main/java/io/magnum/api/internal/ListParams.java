package io.magnum.api.internal;

import io.magnum.model.ListOptions;
import io.magnum.model.Page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A list request's {@code limit}, {@code marker}, {@code sort_key} and {@code sort_dir}, read as Magnum's API reads
 * them, and the collection answered with its {@code next} link when the page is full.
 *
 * @param limit   the limit asked for, or null
 * @param marker  the marker, or null
 * @param sortKey the sort key as the client named it ({@code id} by default)
 * @param sortDir the direction as given ({@code asc} by default)
 */
public record ListParams(Integer limit, String marker, String sortKey, String sortDir)
{
    /** The query parameters a list takes. */
    public static final Set<String> QUERY = Set.of("limit", "marker", "sort_key", "sort_dir");

    /**
     * @param request the request
     * @return the parameters
     * @throws ApiException 400 for a limit that is not an integer
     */
    public static ListParams of(ApiRequest request)
    {
        return of(request, Set.of());
    }

    /**
     * @param request the request
     * @param others  the other query parameters the list takes (such as {@code bay_ident})
     * @return the parameters
     * @throws ApiException 400 for a limit that is not an integer, or an unknown parameter
     */
    public static ListParams of(ApiRequest request, Set<String> others)
    {
        Set<String> allowed = new java.util.HashSet<>(QUERY);
        allowed.addAll(others);
        request.allowQuery(allowed);
        String limitText = request.query("limit");
        Integer limit = null;
        if (limitText != null) {
            try {
                limit = Integer.valueOf(limitText.trim());
            }
            catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid input for field/attribute limit. Value: '"
                        + Values.abbreviate(limitText) + "'. Unable to convert to an integer.");
            }
        }
        String marker = request.query("marker");
        String sortKey = request.query("sort_key");
        String sortDir = request.query("sort_dir");
        return new ListParams(limit, marker == null || marker.isEmpty() ? null : marker,
                sortKey == null || sortKey.isEmpty() ? "id" : sortKey,
                sortDir == null || sortDir.isEmpty() ? "asc" : sortDir);
    }

    /**
     * @param renames sort keys of this API that the facade names otherwise ({@code cluster_template_id})
     * @return the facade's list options
     */
    public ListOptions options(Map<String, String> renames)
    {
        return ListOptions.builder().limit(limit).marker(marker).sortKey(renames.getOrDefault(sortKey, sortKey))
                .sortDir(sortDir.toLowerCase(Locale.ROOT)).build();
    }

    /**
     * The collection: {@code {"<name>": [...], "next": "..."}}, {@code next} only when the page is full.
     *
     * @param request  the request
     * @param name     the collection's name ({@code clusters})
     * @param resource the path the next link points at ({@code clusters} or {@code clusters/detail})
     * @param page     the page
     * @param view     each item's JSON
     * @param <T>      the item type
     * @return the body
     */
    public <T> Map<String, Object> collection(ApiRequest request, String name, String resource, Page<T> page,
            Function<T, Map<String, Object>> view)
    {
        List<Map<String, Object>> items = page.items().stream().map(view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        page.nextMarker().ifPresent(marker -> body.put("next", Links.next(request.hostUrl(), resource, sortKey,
                sortDir, limit == null ? ListOptions.MAX_LIMIT : Math.min(limit, ListOptions.MAX_LIMIT), marker)));
        return body;
    }
}
