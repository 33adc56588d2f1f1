package io.magnum.api.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Magnum's links: {@code self} under {@code /v1}, {@code bookmark} without it, and the {@code next} page. */
public final class Links
{
    private Links()
    {
    }

    /**
     * @param hostUrl    {@code http://host:port}
     * @param collection {@code clusters}
     * @param id         the object's uuid
     * @return the object's {@code self} and {@code bookmark} links
     */
    public static List<Map<String, Object>> of(String hostUrl, String collection, String id)
    {
        return List.of(link(hostUrl + "/v1/" + collection + "/" + id, "self", null),
                link(hostUrl + "/" + collection + "/" + id, "bookmark", null));
    }

    /**
     * @param href the target
     * @param rel  the relation
     * @param type the media type, or null to leave it out
     * @return the link
     */
    public static Map<String, Object> link(String href, String rel, String type)
    {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("rel", rel);
        if (type != null) {
            link.put("type", type);
        }
        return link;
    }

    /**
     * The next page, as Magnum spells it: {@code <host>/v1/clusters?sort_key=id&sort_dir=asc&limit=1&marker=<uuid>}.
     *
     * @param hostUrl  {@code http://host:port}
     * @param resource {@code clusters} or {@code clusters/detail}
     * @param sortKey  the sort key asked for
     * @param sortDir  the direction asked for
     * @param limit    the page size in effect
     * @param marker   the last item's uuid
     * @return the link
     */
    public static String next(String hostUrl, String resource, String sortKey, String sortDir, int limit, String marker)
    {
        return hostUrl + "/v1/" + resource + "?sort_key=" + encode(sortKey) + "&sort_dir=" + encode(sortDir)
                + "&limit=" + limit + "&marker=" + encode(marker);
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
