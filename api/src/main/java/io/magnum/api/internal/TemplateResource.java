package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.InvalidInputException;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelField;
import io.magnum.model.BayModelSpec;
import io.magnum.model.PatchOperation;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v1/baymodels} and {@code /v1/clustertemplates}: list (and {@code /detail}), show, create (201), update
 * with a JSON-patch (200) and delete (204), over {@code magnum.bayModels()}.
 */
public final class TemplateResource
{
    /** The string fields a template takes, with their longest length. */
    private static final List<String> STRINGS = List.of("name", "coe", "image_id", "flavor_id", "master_flavor_id",
            "keypair_id", "external_network_id", "fixed_network", "dns_nameserver", "network_driver", "http_proxy",
            "https_proxy", "no_proxy", "server_type");
    private static final List<String> BOOLEANS = List.of("tls_disabled", "public", "registry_enabled");
    private static final Set<String> READ_ONLY = Set.of("uuid", "links", "cluster_distro", "created_at", "updated_at",
            "project_id", "user_id");
    private static final Set<String> NON_REMOVABLE = Set.of("/image_id", "/keypair_id", "/coe", "/network_driver",
            "/external_network_id", "/tls_disabled", "/public", "/server_type", "/registry_enabled", "/cluster_distro",
            "/hidden");
    private static final Set<String> SEED_LIST = Set.of("uuid", "name", "image_id", "apiserver_port", "coe", "links");

    private final Era era;
    private final Json json;

    public TemplateResource(Era era, Json json)
    {
        this.era = requireNonNull(era, "era is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        String base = "/v1/" + era.templates();
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
        // the seed's list gives a summary; Magnum 15 gives every field in both lists
        boolean summary = era == Era.SEED && !detail;
        return ApiResponse.ok(params.collection(request, era.templates(),
                detail ? era.templates() + "/detail" : era.templates(),
                request.magnum().bayModels().list(params.options(Map.of())), model -> view(request, model, summary)));
    }

    private ApiResponse show(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        return ApiResponse.ok(view(request, request.magnum().bayModels().get(ident), false));
    }

    private ApiResponse create(ApiRequest request)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), era.templateArgument()), era.templateArgument());
        body.require("image_id");
        body.require("coe");
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String field : STRINGS) {
            put(attributes, field, body.string(field, 255));
        }
        for (String field : BOOLEANS) {
            put(attributes, field, body.bool(field));
        }
        put(attributes, "apiserver_port", body.integer("apiserver_port", 1024, 65535));
        put(attributes, "docker_volume_size", body.integer("docker_volume_size", 1, Integer.MAX_VALUE));
        put(attributes, "labels", body.labels("labels"));
        for (Unsupported field : Unsupported.TEMPLATE) {
            if (era == Era.MODERN || field.field().equals("volume_driver")) {
                field.check(body, "baymodels");
            }
        }
        readOnly(body);
        body.check();
        if (era == Era.MODERN && !attributes.containsKey("name")) {
            attributes.put("name", Names.generate("template"));
        }
        BayModel model = request.magnum().bayModels().create(BayModelSpec.fromAttributes(attributes));
        return ApiResponse.created(view(request, model, false),
                request.hostUrl() + "/v1/" + era.templates() + "/" + model.uuid());
    }

    private ApiResponse update(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        JsonPatch patch = JsonPatch.parse(json.patch(request.body()), Set.of(), NON_REMOVABLE);
        BayModel current = request.magnum().bayModels().get(ident);
        Map<String, Object> shown = view(request, current, false);
        List<PatchOperation> operations = new ArrayList<>();
        List<FieldViolation> errors = new ArrayList<>();
        for (JsonPatch.Operation operation : patch.operations()) {
            try {
                PatchOperation converted = convert(operation, current, shown);
                if (converted != null) {
                    operations.add(converted);
                }
            }
            catch (InvalidInputException e) {
                errors.addAll(e.violations());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (operations.isEmpty()) {
            return ApiResponse.ok(shown);
        }
        return ApiResponse.ok(view(request, request.magnum().bayModels().update(current.uuid(), operations), false));
    }

    /** One JSON-patch operation as the facade's, or null when it changes nothing this server keeps. */
    private PatchOperation convert(JsonPatch.Operation operation, BayModel current, Map<String, Object> shown)
    {
        String attribute = operation.attribute();
        Unsupported unsupported = Unsupported.TEMPLATE.stream().filter(u -> u.field().equals(attribute)
                && (era == Era.MODERN || attribute.equals("volume_driver"))).findFirst().orElse(null);
        BayModelField field = BayModelField.byName(attribute).orElse(null);
        if (unsupported == null && field == null || !shown.containsKey(attribute)) {
            throw patchError(operation, operation.op().equals("add") && !operation.nested()
                    ? "Adding a new attribute " + operation.path() + " to the root of the resource is not allowed."
                    : "Couldn't apply patch: can't " + operation.op() + " non-existent object '" + attribute + "'.");
        }
        if (operation.nested()) {
            return label(operation, current);
        }
        if (operation.op().equals("add") && shown.get(attribute) != null) {
            throw patchError(operation, "The attribute " + operation.path()
                    + " has existed, please use 'replace' operation instead.");
        }
        if (unsupported != null) {
            Object value = operation.value() == null ? null : scalar(operation.value(), unsupported.bool());
            if (!unsupported.accepts(value)) {
                throw patchError(operation, unsupported.message(value, "baymodels"));
            }
            return null;
        }
        if (operation.op().equals("remove")) {
            return PatchOperation.remove(attribute);
        }
        if (field == BayModelField.LABELS) {
            try {
                return new PatchOperation(operation.op(), attribute, Values.labels(operation.value()));
            }
            catch (IllegalArgumentException e) {
                throw patchError(operation, "Invalid input for field/attribute labels. " + e.getMessage());
            }
        }
        return new PatchOperation(operation.op(), attribute, scalar(operation.value(),
                field.type() == BayModelField.Type.BOOLEAN));
    }

    private static PatchOperation label(JsonPatch.Operation operation, BayModel current)
    {
        String key = operation.rest();
        if (!operation.attribute().equals("labels") || key.contains("/")) {
            throw patchError(operation, "Couldn't apply patch: " + operation.path() + " does not name an attribute"
                    + " or a label.");
        }
        if (!operation.op().equals("add") && !current.labels().containsKey(key)) {
            throw patchError(operation, "Couldn't apply patch: can't " + operation.op() + " non-existent object '"
                    + key + "'.");
        }
        if (operation.op().equals("remove")) {
            return PatchOperation.remove("labels/" + key);
        }
        return new PatchOperation(operation.op(), "labels/" + key, operation.value().asText());
    }

    private static Object scalar(JsonNode value, boolean bool)
    {
        if (value.isTextual()) {
            String text = value.textValue();
            Boolean parsed = bool ? Values.bool(text) : null;
            return parsed != null ? parsed : text;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        return value.asText();
    }

    private static InvalidInputException patchError(JsonPatch.Operation operation, String message)
    {
        return InvalidInputException.of(operation.attribute(), message);
    }

    private ApiResponse delete(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        request.magnum().bayModels().delete(ident);
        return ApiResponse.noContent();
    }

    private static void readOnly(Body body)
    {
        for (String field : READ_ONLY) {
            if (body.raw(field) != null) {
                body.violation(field, field + " is read-only; it is set by the server");
            }
        }
    }

    private static void put(Map<String, Object> attributes, String field, Object value)
    {
        if (value != null) {
            attributes.put(field, value);
        }
    }

    /**
     * A template as JSON: Magnum 2.0.0's baymodel or Magnum 15's cluster template.
     *
     * @param request the request, for links
     * @param model   the template
     * @param summary whether to give the seed list's summary (uuid, name, image_id, apiserver_port, coe, links)
     * @return the JSON object
     */
    Map<String, Object> view(ApiRequest request, BayModel model, boolean summary)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uuid", model.uuid());
        view.put("name", model.name());
        view.put("coe", model.coe());
        view.put("image_id", model.imageId());
        view.put("flavor_id", model.flavorId());
        view.put("master_flavor_id", model.masterFlavorId());
        view.put("dns_nameserver", model.dnsNameserver());
        view.put("keypair_id", model.keypairId());
        view.put("external_network_id", model.externalNetworkId());
        view.put("fixed_network", model.fixedNetwork());
        if (era == Era.MODERN) {
            view.put("fixed_subnet", null);
        }
        view.put("network_driver", model.networkDriver());
        view.put("apiserver_port", model.apiserverPort());
        view.put("docker_volume_size", model.dockerVolumeSize());
        view.put("cluster_distro", model.clusterDistro());
        view.put("http_proxy", model.httpProxy());
        view.put("https_proxy", model.httpsProxy());
        view.put("no_proxy", model.noProxy());
        view.put("volume_driver", null);
        view.put("registry_enabled", model.registryEnabled());
        // Magnum shows null for a template made without labels (openstack4j 3.12 cannot read any other value)
        view.put("labels", model.labels().isEmpty() ? null : model.labels());
        view.put("tls_disabled", model.tlsDisabled());
        view.put("public", model.isPublic());
        view.put("server_type", model.serverType());
        if (era == Era.MODERN) {
            view.put("insecure_registry", null);
            view.put("docker_storage_driver", "devicemapper");
            view.put("master_lb_enabled", false);
            view.put("floating_ip_enabled", true);
            view.put("project_id", model.projectId());
            view.put("user_id", model.userId());
            view.put("hidden", false);
            view.put("tags", null);
        }
        view.put("created_at", Values.timestamp(model.createdAt()));
        view.put("updated_at", Values.timestamp(model.updatedAt()));
        view.put("links", Links.of(request.hostUrl(), era.templates(), model.uuid()));
        if (summary) {
            view.keySet().retainAll(SEED_LIST);
        }
        return view;
    }
}
