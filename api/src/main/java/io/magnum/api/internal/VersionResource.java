package io.magnum.api.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version documents, served without authentication as Magnum serves them: {@code /} lists the API versions,
 * {@code /v1} links the collections this server has.
 */
public final class VersionResource
{
    /** The collections {@code /v1} links to. */
    private static final List<String> COLLECTIONS = List.of("baymodels", "bays", "clustertemplates", "clusters",
            "pods", "services", "rcs", "containers", "certificates", "mservices", "stats", "quotas");

    private VersionResource()
    {
    }

    /**
     * @param hostUrl {@code http://host:port}
     * @return {@code GET /}
     */
    public static Map<String, Object> root(String hostUrl)
    {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("id", "v1");
        version.put("links", List.of(Links.link(hostUrl + "/v1/", "self", null)));
        version.put("status", "CURRENT");
        version.put("max_version", ApiVersion.MAX.toString());
        version.put("min_version", ApiVersion.MIN.toString());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "OpenStack Magnum API");
        root.put("description", "Magnum is an OpenStack project which aims to provide container cluster management.");
        root.put("versions", List.of(version));
        return root;
    }

    /**
     * @param hostUrl {@code http://host:port}
     * @return {@code GET /v1}
     */
    public static Map<String, Object> v1(String hostUrl)
    {
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("id", "v1");
        v1.put("media_types", List.of(Map.of("base", "application/json", "type",
                "application/vnd.openstack.magnum.v1+json")));
        v1.put("links", List.of(Links.link(hostUrl + "/v1/", "self", null),
                Links.link("http://docs.openstack.org/developer/magnum/dev/api-spec-v1.html", "describedby",
                        "text/html")));
        for (String collection : COLLECTIONS) {
            List<Map<String, Object>> links = new ArrayList<>();
            links.add(Links.link(hostUrl + "/v1/" + collection + "/", "self", null));
            links.add(Links.link(hostUrl + "/" + collection + "/", "bookmark", null));
            v1.put(collection, links);
        }
        return v1;
    }
}
