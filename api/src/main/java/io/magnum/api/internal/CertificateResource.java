package io.magnum.api.internal;

import io.magnum.InvalidInputException;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.Certificate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v1/certificates}: {@code GET /{bay}} shows the bay's CA ({@code ca-show}), {@code POST} signs a CSR
 * ({@code ca-sign}: 201), {@code PATCH /{bay}} replaces the CA ({@code ca-rotate}: 202). The bay is named by
 * {@code bay_uuid} (the seed's clients, openstack4j) or {@code cluster_uuid} (today's), by uuid or name.
 */
public final class CertificateResource
{
    private final Json json;

    public CertificateResource(Json json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        router.get("/v1/certificates/{ident}", (request, path) -> show(request, path.get("ident")))
                .post("/v1/certificates", (request, path) -> sign(request))
                .patch("/v1/certificates/{ident}", (request, path) -> rotate(request, path.get("ident")));
    }

    private ApiResponse show(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of("ca_cert_type"));
        String type = request.query("ca_cert_type");
        if (type != null && !type.equals("kubernetes")) {
            throw ApiException.badRequest("ca_cert_type '" + Values.abbreviate(type) + "' is not supported by this"
                    + " server: each bay has one CA, of type kubernetes");
        }
        return ApiResponse.ok(view(request, request.magnum().certificates().ca(ident)));
    }

    private ApiResponse sign(ApiRequest request)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), "certificate"), "certificate");
        String bayUuid = body.string("bay_uuid", 255);
        String clusterUuid = body.string("cluster_uuid", 255);
        body.require("csr");
        // a PEM is longer than the 255 characters of most fields
        String csr = body.has("csr") ? body.string("csr", Integer.MAX_VALUE) : null;
        body.known("pem", "links", "ca_cert_type", "created_at", "updated_at");
        if (body.raw("pem") != null) {
            body.violation("pem", "pem is read-only; it is the signed certificate the server answers with");
        }
        if (bayUuid == null && clusterUuid == null && !body.has("bay_uuid") && !body.has("cluster_uuid")) {
            body.violation("cluster_uuid", "Invalid input for field/attribute cluster_uuid. Value: 'None'."
                    + " Mandatory field missing: name the cluster by cluster_uuid (or bay_uuid).");
        }
        if (bayUuid != null && clusterUuid != null && !bayUuid.equals(clusterUuid)) {
            body.violation("cluster_uuid", "bay_uuid '" + bayUuid + "' and cluster_uuid '" + clusterUuid
                    + "' name different clusters; give one of them");
        }
        body.check();
        String ident = clusterUuid != null ? clusterUuid : bayUuid;
        // as Magnum does, an unknown cluster is a bad request here, not a missing resource
        Bay bay = request.magnum().bays().find(ident).orElseThrow(() -> InvalidInputException.of("cluster_uuid",
                "Cluster " + ident + " could not be found."));
        return ApiResponse.created(view(request, request.magnum().certificates().sign(bay.uuid(), csr)), null);
    }

    private ApiResponse rotate(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        Bay bay = request.magnum().bays().get(ident);
        BayModel template = request.magnum().bayModels().find(bay.bayModelId()).orElse(null);
        if (template != null && template.tlsDisabled()) {
            throw ApiException.badRequest("Rotating the CA certificate on a non-TLS cluster is not supported");
        }
        request.magnum().certificates().rotate(bay.uuid());
        return ApiResponse.accepted(Map.of("uuid", bay.uuid()));
    }

    private static Map<String, Object> view(ApiRequest request, Certificate certificate)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cluster_uuid", certificate.bayUuid());
        view.put("bay_uuid", certificate.bayUuid());
        if (certificate.csr() != null) {
            view.put("csr", certificate.csr());
        }
        view.put("pem", certificate.pem());
        view.put("links", Links.of(request.hostUrl(), "certificates", certificate.bayUuid()));
        return view;
    }
}
