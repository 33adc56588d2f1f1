package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.BayOperation;
import io.magnum.InvalidInputException;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BaySpec;
import io.magnum.model.PatchOperation;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v1/bays} and {@code /v1/clusters}: list (and {@code /detail}), show, create, update ({@code node_count}
 * by JSON-patch) and delete, over {@code magnum.bays()}. Create and update are asynchronous: from version 1.2 (and
 * always for clusters) they answer 202 with the uuid; at 1.1 a bay create answers 201 and an update 200 with the
 * bay in its {@code *_IN_PROGRESS} status, as the seed's API did.
 */
public final class ClusterResource
{
    private static final Set<String> INTERNAL = Set.of("/api_address", "/node_addresses", "/master_addresses",
            "/stack_id", "/ca_cert_ref", "/magnum_cert_ref", "/trust_id", "/trustee_user_name", "/trustee_password",
            "/trustee_user_id", "/etcd_ca_cert_ref", "/front_proxy_ca_cert_ref");
    private static final Set<String> READ_ONLY = Set.of("uuid", "links", "stack_id", "status", "status_reason",
            "api_address", "node_addresses", "master_addresses", "created_at", "updated_at", "project_id", "user_id",
            "coe_version", "container_version", "health_status", "health_status_reason", "faults",
            "labels_overridden", "labels_added", "labels_skipped");
    private static final Set<String> SEED_LIST = Set.of("uuid", "name", "baymodel_id", "node_count", "master_count",
            "status", "bay_create_timeout", "stack_id", "links");
    private static final Set<String> MODERN_LIST = Set.of("uuid", "name", "cluster_template_id", "keypair",
            "docker_volume_size", "labels", "node_count", "status", "master_flavor_id", "flavor_id", "create_timeout",
            "master_count", "stack_id", "health_status", "links");
    /** Magnum 15's default create timeout, in minutes; the seed's was 0 (none). */
    private static final int MODERN_CREATE_TIMEOUT = 60;

    private final Era era;
    private final Json json;
    private final String templateId;
    private final String timeout;

    public ClusterResource(Era era, Json json)
    {
        this.era = requireNonNull(era, "era is null");
        this.json = requireNonNull(json, "json is null");
        this.templateId = era == Era.SEED ? "baymodel_id" : "cluster_template_id";
        this.timeout = era == Era.SEED ? "bay_create_timeout" : "create_timeout";
    }

    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        String base = "/v1/" + era.clusters();
        router.get(base, (request, path) -> list(request, false))
                .get(base + "/detail", (request, path) -> list(request, true))
                .get(base + "/{ident}", (request, path) -> show(request, path.get("ident")))
                .post(base, (request, path) -> create(request))
                .patch(base + "/{ident}", (request, path) -> update(request, path.get("ident")))
                .delete(base + "/{ident}", (request, path) -> delete(request, path.get("ident")));
    }

    private ApiResponse list(ApiRequest request, boolean detail)
    {
        ListParams params = ListParams.of(request);
        Templates templates = new Templates(request);
        return ApiResponse.ok(params.collection(request, era.clusters(),
                detail ? era.clusters() + "/detail" : era.clusters(),
                request.magnum().bays().list(params.options(Map.of("cluster_template_id", "baymodel_id",
                        "create_timeout", "bay_create_timeout"))),
                bay -> view(request, bay, templates, !detail)));
    }

    private ApiResponse show(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        return ApiResponse.ok(view(request, request.magnum().bays().get(ident), new Templates(request), false));
    }

    private ApiResponse create(ApiRequest request)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), era.clusterArgument()), era.clusterArgument());
        body.require(templateId);
        String name = body.string("name", era == Era.SEED ? 255 : 242);
        String ident = body.string(templateId, 255);
        Integer nodeCount = body.integer("node_count", era == Era.SEED ? 1 : 0, Integer.MAX_VALUE);
        Integer masterCount = body.integer("master_count", 1, Integer.MAX_VALUE);
        Integer createTimeout = body.integer(timeout, 0, Integer.MAX_VALUE);
        String discoveryUrl = body.string("discovery_url", 255);
        for (String field : READ_ONLY) {
            if (body.raw(field) != null) {
                body.violation(field, field + " is read-only; it is set by the server");
            }
        }
        BayModel template = null;
        if (ident != null) {
            template = request.magnum().bayModels().find(ident).orElse(null);
            if (template == null) {
                body.violation(templateId, (era == Era.SEED ? "Baymodel " : "ClusterTemplate ") + ident
                        + " could not be found.");
            }
        }
        if (era == Era.MODERN) {
            inherited(body, template);
        }
        body.check();
        if (era == Era.MODERN && name == null) {
            name = Names.generate("cluster");
        }
        if (era == Era.MODERN && createTimeout == null) {
            createTimeout = MODERN_CREATE_TIMEOUT;
        }
        BayOperation operation = request.magnum().bays().create(new BaySpec(name, template.uuid(), nodeCount,
                masterCount, discoveryUrl, createTimeout));
        Bay bay = operation.accepted();
        if (era == Era.MODERN || request.version().atLeast(ApiVersion.ASYNC)) {
            return ApiResponse.accepted(Map.of("uuid", bay.uuid()));
        }
        return ApiResponse.created(view(request, bay, new Templates(request), false),
                request.hostUrl() + "/v1/" + era.clusters() + "/" + bay.uuid());
    }

    /**
     * Magnum 15 lets a cluster override some of its template's fields; magnum4j's clusters take them all from the
     * template, so a request may only repeat the template's values.
     */
    private static void inherited(Body body, BayModel template)
    {
        boolean found = template != null;
        same(body, "keypair", body.string("keypair", 255), template, found ? template.keypairId() : null,
                "keypair_id");
        same(body, "docker_volume_size", body.integer("docker_volume_size", 1, Integer.MAX_VALUE), template,
                found ? template.dockerVolumeSize() : null, "docker_volume_size");
        same(body, "master_flavor_id", body.string("master_flavor_id", 255), template,
                found ? template.masterFlavorId() : null, "master_flavor_id");
        same(body, "flavor_id", body.string("flavor_id", 255), template, found ? template.flavorId() : null,
                "flavor_id");
        same(body, "fixed_network", body.string("fixed_network", 255), template,
                found ? template.fixedNetwork() : null, "fixed_network");
        Map<String, String> labels = body.labels("labels");
        Boolean merge = body.bool("merge_labels");
        if (labels != null && !labels.isEmpty() && template != null) {
            Map<String, String> wanted = new HashMap<>(Boolean.TRUE.equals(merge) ? template.labels() : Map.of());
            wanted.putAll(labels);
            if (!wanted.equals(template.labels())) {
                body.violation("labels", "labels " + labels + " differ from the cluster template's "
                        + template.labels() + ": magnum4j's clusters take the labels of their template; leave them"
                        + " unset");
            }
        }
        for (Unsupported field : List.of(new Unsupported("fixed_subnet", false, null, List.of()),
                new Unsupported("floating_ip_enabled", true, true, List.of()),
                new Unsupported("master_lb_enabled", true, false, List.of()))) {
            field.check(body, "clusters");
        }
    }

    private static void same(Body body, String field, Object given, BayModel template, Object templates,
            String templateField)
    {
        if (given != null && template != null && !Objects.equals(given, templates)) {
            body.violation(field, field + " '" + given + "' differs from the cluster template's " + templateField
                    + " '" + templates + "': magnum4j's clusters take it from their template; leave it unset");
        }
    }

    private ApiResponse update(ApiRequest request, String ident)
    {
        boolean rollbackAllowed = request.version().atLeast(ApiVersion.ROLLBACK);
        request.allowQuery(rollbackAllowed ? Set.of("rollback") : Set.of());
        String rollback = request.query("rollback");
        if (rollback != null) {
            Boolean wanted = Values.bool(rollback);
            if (wanted == null) {
                throw ApiException.badRequest("Invalid input for field/attribute rollback. Value: '"
                        + Values.abbreviate(rollback) + "'. Wrong type. Expected a boolean.");
            }
            if (wanted) {
                throw ApiException.badRequest("rollback is not supported by this server: a failed update leaves the "
                        + era.clusterArgument() + " UPDATE_FAILED, and only a delete helps it");
            }
        }
        JsonPatch patch = JsonPatch.parse(json.patch(request.body()), INTERNAL, Set.of("/" + templateId));
        Bay current = request.magnum().bays().get(ident);
        Map<String, Object> shown = view(request, current, new Templates(request), false);
        Integer nodeCount = null;
        Set<String> delta = new TreeSet<>();
        List<FieldViolation> errors = new ArrayList<>();
        for (JsonPatch.Operation operation : patch.operations()) {
            String attribute = operation.attribute();
            if (!shown.containsKey(attribute)) {
                errors.add(new FieldViolation(attribute, operation.op().equals("add") && !operation.nested()
                        ? "Adding a new attribute " + operation.path() + " to the root of the resource is not allowed."
                        : "Couldn't apply patch: can't " + operation.op() + " non-existent object '" + attribute
                        + "'."));
                continue;
            }
            if (attribute.equals("node_count") && !operation.nested()) {
                if (operation.op().equals("remove")) {
                    errors.add(new FieldViolation(attribute, "node_count can only be replaced, not removed"));
                    continue;
                }
                Integer count = count(operation.value());
                if (count == null) {
                    errors.add(new FieldViolation(attribute, "Invalid input for field/attribute node_count. Value: '"
                            + Values.abbreviate(operation.value().asText()) + "'. Wrong type. Expected an integer."));
                    continue;
                }
                nodeCount = count;
                continue;
            }
            if (changes(operation, shown.get(attribute))) {
                delta.add(attribute);
            }
        }
        if (!delta.isEmpty()) {
            errors.add(new FieldViolation(delta.iterator().next(), "cannot change " + era.clusterArgument()
                    + " property(ies) " + String.join(", ", delta) + "; only node_count can be updated"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Bay accepted = current;
        if (nodeCount != null) {
            accepted = request.magnum().bays().update(current.uuid(), PatchOperation.replace("node_count", nodeCount))
                    .accepted();
        }
        if (era == Era.MODERN || request.version().atLeast(ApiVersion.ASYNC)) {
            return ApiResponse.accepted(Map.of("uuid", accepted.uuid()));
        }
        return ApiResponse.ok(view(request, accepted, new Templates(request), false));
    }

    private static Integer count(JsonNode value)
    {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.valueOf(value.textValue().trim());
            }
            catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether an operation on a field other than node_count would change what the bay shows. */
    private static boolean changes(JsonPatch.Operation operation, Object current)
    {
        if (operation.nested()) {
            return true;
        }
        if (operation.op().equals("remove")) {
            return current != null;
        }
        JsonNode value = operation.value();
        if (current == null) {
            return true;
        }
        if (current instanceof Map<?, ?> map) {
            try {
                return !Values.labels(value).equals(map);
            }
            catch (IllegalArgumentException e) {
                return true;
            }
        }
        return !String.valueOf(current).equals(value.asText());
    }

    private ApiResponse delete(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        request.magnum().bays().delete(ident);
        return ApiResponse.noContent();
    }

    /**
     * A bay as JSON: Magnum 2.0.0's bay or Magnum 15's cluster (whose keypair, flavors, volume size and labels
     * come from its template).
     */
    Map<String, Object> view(ApiRequest request, Bay bay, Templates templates, boolean summary)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uuid", bay.uuid());
        view.put("name", bay.name());
        view.put(templateId, bay.bayModelId());
        BayModel template = era == Era.MODERN ? templates.get(bay.bayModelId()) : null;
        if (era == Era.MODERN) {
            view.put("keypair", template == null ? null : template.keypairId());
            view.put("docker_volume_size", template == null ? null : template.dockerVolumeSize());
            view.put("labels", template == null ? Map.of() : template.labels());
            if (!summary) {
                view.put("labels_overridden", Map.of());
                view.put("labels_added", Map.of());
                view.put("labels_skipped", Map.of());
            }
            view.put("master_flavor_id", template == null ? null : template.masterFlavorId());
            view.put("flavor_id", template == null ? null : template.flavorId());
        }
        view.put("node_count", bay.nodeCount());
        view.put("master_count", bay.masterCount());
        view.put(timeout, bay.bayCreateTimeout());
        view.put("stack_id", bay.stackId());
        view.put("status", bay.status().name());
        view.put("status_reason", bay.statusReason());
        if (era == Era.MODERN) {
            view.put("health_status", null);
            view.put("health_status_reason", null);
        }
        view.put("discovery_url", bay.discoveryUrl());
        view.put("api_address", bay.apiAddress());
        if (era == Era.MODERN) {
            view.put("coe_version", null);
            view.put("container_version", null);
            view.put("project_id", bay.projectId());
            view.put("user_id", bay.userId());
        }
        view.put("node_addresses", bay.nodeAddresses());
        view.put("master_addresses", bay.masterAddresses());
        if (era == Era.MODERN) {
            view.put("fixed_network", template == null ? null : template.fixedNetwork());
            view.put("fixed_subnet", null);
            view.put("floating_ip_enabled", true);
            view.put("master_lb_enabled", false);
        }
        view.put("created_at", Values.timestamp(bay.createdAt()));
        view.put("updated_at", Values.timestamp(bay.updatedAt()));
        view.put("links", Links.of(request.hostUrl(), era.clusters(), bay.uuid()));
        if (summary) {
            view.keySet().retainAll(era == Era.SEED ? SEED_LIST : MODERN_LIST);
        }
        return view;
    }

    /** The templates of the bays one request shows, each looked up once. */
    static final class Templates
    {
        private final ApiRequest request;
        private final Map<String, Optional<BayModel>> byUuid = new HashMap<>();

        Templates(ApiRequest request)
        {
            this.request = request;
        }

        BayModel get(String uuid)
        {
            return byUuid.computeIfAbsent(uuid, u -> request.magnum().bayModels().find(u)).orElse(null);
        }
    }
}
