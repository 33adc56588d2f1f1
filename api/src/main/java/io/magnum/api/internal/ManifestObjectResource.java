package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.BayObjects;
import io.magnum.InvalidInputException;
import io.magnum.Magnum;
import io.magnum.model.Bay;
import io.magnum.model.CoeService;
import io.magnum.model.Pod;
import io.magnum.model.ReplicationController;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v1/pods}, {@code /v1/services} and {@code /v1/rcs}: the Kubernetes objects of a bay, as Magnum 2.0.0
 * served them over {@code magnum.pods()}, {@code services()} and {@code replicationControllers()}. Every route but
 * the create names the bay in {@code ?bay_ident=} (uuid or name); the create takes
 * {@code {"bay_uuid", "manifest", "manifest_url"}} and answers 201 with the object, an update takes a JSON-patch of
 * {@code /manifest} (and, for rcs, {@code /replicas}) and answers 200, a delete answers 204. Lists come live from the
 * bay's Kubernetes, unpaged, as Magnum's did. A {@code manifest_url} (on create, or replaced in a patch) is read
 * over http(s) by the facade ({@link BayObjects#createFromUrl}).
 *
 * @param <T> the object type
 */
public final class ManifestObjectResource<T>
{
    /** The read-only fields a create may not set (besides the unknown ones, which are refused anyway). */
    private static final Set<String> READ_ONLY = Set.of("uuid", "name", "desc", "labels", "images", "status", "host",
            "replicas", "selector", "ip", "ports", "links", "created_at", "updated_at", "project_id", "user_id");
    private static final Set<String> LIST_QUERY = Set.of("bay_ident", "limit", "marker", "sort_key", "sort_dir");

    /**
     * One kind of object.
     *
     * @param collection its collection and the list's key ({@code pods})
     * @param argument   how Magnum's messages name one ({@code pod})
     * @param objects    its facade
     * @param attributes its fields under Magnum's names
     * @param summary    the fields a (non-detail) list shows, besides links
     * @param scalable   whether a patch may replace {@code /replicas} (rcs)
     * @param <T>        the object type
     */
    record Kind<T>(String collection, String argument, Function<Magnum, BayObjects<T>> objects,
                   Function<T, Map<String, Object>> attributes, Set<String> summary, boolean scalable)
    {
    }

    static final Kind<Pod> PODS = new Kind<>("pods", "pod", Magnum::pods, Pod::attributes,
            Set.of("uuid", "name", "desc", "bay_uuid", "images", "labels", "status", "host"), false);
    static final Kind<CoeService> SERVICES = new Kind<>("services", "service", Magnum::services,
            CoeService::attributes, Set.of("uuid", "name", "bay_uuid", "labels", "selector", "ip", "ports"), false);
    static final Kind<ReplicationController> RCS = new Kind<>("rcs", "rc", Magnum::replicationControllers,
            ReplicationController::attributes, Set.of("uuid", "name", "images", "bay_uuid", "labels", "replicas"),
            true);

    private final Kind<T> kind;
    private final Json json;

    public ManifestObjectResource(Kind<T> kind, Json json)
    {
        this.kind = requireNonNull(kind, "kind is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** @return the resources of pods, services and rcs */
    static List<ManifestObjectResource<?>> all(Json json)
    {
        return List.of(new ManifestObjectResource<>(PODS, json), new ManifestObjectResource<>(SERVICES, json),
                new ManifestObjectResource<>(RCS, json));
    }

    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        String base = "/v1/" + kind.collection();
        router.get(base, (request, path) -> list(request, false))
                .get(base + "/detail", (request, path) -> list(request, true))
                .get(base + "/{ident}", (request, path) -> show(request, path.get("ident")))
                .post(base, (request, path) -> create(request))
                .patch(base + "/{ident}", (request, path) -> update(request, path.get("ident")))
                .delete(base + "/{ident}", (request, path) -> delete(request, path.get("ident")));
    }

    private BayObjects<T> objects(ApiRequest request)
    {
        return kind.objects().apply(request.magnum());
    }

    /** The bay of {@code ?bay_ident=}, which every route but the create needs. */
    private String bayIdent(ApiRequest request)
    {
        String bay = request.query("bay_ident");
        if (bay == null || bay.isBlank()) {
            throw ApiException.badRequest("Invalid input for field/attribute bay_ident. Value: 'None'. Mandatory"
                    + " field missing: name the bay the " + kind.argument() + " is on (?bay_ident=<uuid or name>).");
        }
        return bay;
    }

    private ApiResponse list(ApiRequest request, boolean detail)
    {
        request.allowQuery(LIST_QUERY);
        // Magnum checks the paging parameters and then lists everything the bay's Kubernetes has
        String limit = request.query("limit");
        if (limit != null) {
            try {
                Integer.parseInt(limit.trim());
            }
            catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid input for field/attribute limit. Value: '"
                        + Values.abbreviate(limit) + "'. Unable to convert to an integer.");
            }
        }
        String sortDir = request.query("sort_dir");
        if (sortDir != null && !sortDir.isEmpty() && !sortDir.equalsIgnoreCase("asc")
                && !sortDir.equalsIgnoreCase("desc")) {
            throw ApiException.badRequest("Invalid sort direction: " + Values.abbreviate(sortDir)
                    + ". Acceptable values are 'asc' or 'desc'");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (T object : objects(request).list(bayIdent(request))) {
            items.add(view(request, object, !detail));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind.collection(), items);
        return ApiResponse.ok(body);
    }

    private ApiResponse show(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of("bay_ident"));
        return ApiResponse.ok(view(request, objects(request).get(bayIdent(request), ident), false));
    }

    private ApiResponse create(ApiRequest request)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), kind.argument()), kind.argument());
        body.require("bay_uuid");
        String bayIdent = body.string("bay_uuid", 255);
        String manifest = body.string("manifest", Integer.MAX_VALUE);
        String manifestUrl = body.string("manifest_url", Integer.MAX_VALUE);
        for (String field : READ_ONLY) {
            if (body.raw(field) != null) {
                body.violation(field, field + " is read-only; it comes from the manifest and the bay's Kubernetes");
            }
        }
        if (manifestUrl != null && manifest != null) {
            body.violation("manifest_url", "give either manifest or manifest_url, not both");
        }
        else if (manifestUrl == null && manifest == null && !body.has("manifest")) {
            body.violation("manifest", "Invalid input for field/attribute manifest. Value: 'None'. A " + kind.argument()
                    + " needs a manifest (YAML or JSON), or a manifest_url to read one from, to be created from.");
        }
        Bay bay = null;
        if (bayIdent != null) {
            // as Magnum does: a bay that is not there is a bad request here, not a missing resource
            bay = request.magnum().bays().find(bayIdent).orElse(null);
            if (bay == null) {
                body.violation("bay_uuid", "Bay " + bayIdent + " could not be found.");
            }
        }
        body.check();
        T created = manifestUrl != null ? objects(request).createFromUrl(bay.uuid(), manifestUrl)
                : objects(request).create(bay.uuid(), manifest);
        Map<String, Object> view = view(request, created, false);
        return ApiResponse.created(view, request.hostUrl() + "/v1/" + kind.collection() + "/" + view.get("uuid"));
    }

    private ApiResponse update(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of("bay_ident"));
        String bay = bayIdent(request);
        JsonPatch patch = JsonPatch.parse(json.patch(request.body()), Set.of("/name", "/labels"),
                Set.of("/bay_uuid", "/manifest"));
        String manifest = null;
        String manifestUrl = null;
        Integer replicas = null;
        List<FieldViolation> errors = new ArrayList<>();
        for (JsonPatch.Operation operation : patch.operations()) {
            String attribute = operation.attribute();
            if (attribute.equals("manifest") && !operation.nested()) {
                if (!operation.value().isTextual() || operation.value().textValue().isEmpty()) {
                    errors.add(new FieldViolation("manifest", "Invalid input for field/attribute manifest. Value: '"
                            + Values.abbreviate(operation.value().toString()) + "'. Wrong type. Expected the new"
                            + " manifest as a string."));
                    continue;
                }
                manifest = operation.value().textValue();
            }
            else if (attribute.equals("manifest_url") && !operation.nested()) {
                if (!operation.op().equals("remove") && operation.value().isTextual()
                        && !operation.value().textValue().isBlank()) {
                    manifestUrl = operation.value().textValue();
                }
                else {
                    errors.add(new FieldViolation("manifest_url", "Invalid input for field/attribute manifest_url."
                            + " Expected the new manifest's http(s) URL as a string."));
                }
            }
            else if (kind.scalable() && attribute.equals("replicas") && !operation.nested()) {
                if (operation.op().equals("remove")) {
                    errors.add(new FieldViolation("replicas", "replicas can only be replaced, not removed"));
                    continue;
                }
                replicas = replicas(operation.value());
                if (replicas == null) {
                    errors.add(new FieldViolation("replicas", "Invalid input for field/attribute replicas. Value: '"
                            + Values.abbreviate(operation.value().asText()) + "'. Wrong type. Expected an integer"
                            + " of 0 or more."));
                }
            }
            else {
                errors.add(new FieldViolation(attribute, "Couldn't apply patch: " + operation.path() + " cannot be "
                        + "changed; a " + kind.argument() + " takes a new manifest (replace /manifest)"
                        + (kind.scalable() ? " or a number of replicas (replace /replicas)" : "")));
            }
        }
        if (manifest != null && manifestUrl != null) {
            errors.add(new FieldViolation("manifest_url", "replace either /manifest or /manifest_url, not both"));
        }
        if (errors.isEmpty() && manifest == null && manifestUrl == null && replicas == null) {
            errors.add(new FieldViolation("manifest", "The patch changes nothing: replace /manifest with the new"
                    + " manifest" + (kind.scalable() ? " or /replicas with a number" : "")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // as Magnum did: the object is looked up first, so a missing one is a 404 whatever the manifest says
        T updated = objects(request).get(bay, ident);
        if (manifest != null) {
            String name = String.valueOf(kind.attributes().apply(updated).get("name"));
            updated = objects(request).update(bay, name, manifest);
        }
        if (manifestUrl != null) {
            String name = String.valueOf(kind.attributes().apply(updated).get("name"));
            updated = objects(request).updateFromUrl(bay, name, manifestUrl);
        }
        if (replicas != null) {
            // only rcs are scalable, so T is ReplicationController here
            String name = String.valueOf(kind.attributes().apply(updated).get("name"));
            @SuppressWarnings("unchecked")
            T scaled = (T) request.magnum().replicationControllers().scale(bay, name, replicas);
            updated = scaled;
        }
        return ApiResponse.ok(view(request, updated, false));
    }

    private static Integer replicas(JsonNode value)
    {
        Integer count = null;
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            count = value.intValue();
        }
        else if (value.isTextual()) {
            try {
                count = Integer.valueOf(value.textValue().trim());
            }
            catch (NumberFormatException e) {
                return null;
            }
        }
        return count == null || count < 0 ? null : count;
    }

    private ApiResponse delete(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of("bay_ident"));
        objects(request).delete(bayIdent(request), ident);
        return ApiResponse.noContent();
    }

    /** An object as JSON: its fields (only the list's when a summary) and its links. */
    Map<String, Object> view(ApiRequest request, T object, boolean summary)
    {
        Map<String, Object> view = new LinkedHashMap<>(kind.attributes().apply(object));
        if (summary) {
            view.keySet().retainAll(kind.summary());
        }
        view.put("links", Links.of(request.hostUrl(), kind.collection(), String.valueOf(view.get("uuid"))));
        return view;
    }
}
