package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.magnum.core.cloud.openstack.FakeOpenStack.Request;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.magnum.core.cloud.openstack.FakeOpenStack.JSON;
import static io.magnum.core.cloud.openstack.FakeOpenStack.send;

/**
 * Nova (flavors with details, keypairs), Glance v2 (images filtered by name and paged by marker and limit, shown by
 * id, its HTML 404) and Neutron (networks filtered by name, shown by id) for {@link FakeOpenStack}.
 */
final class FakeInventory
{
    private final FakeOpenStack fake;

    FakeInventory(FakeOpenStack fake)
    {
        this.fake = fake;
    }

    void nova(HttpExchange exchange, Request request, String path) throws IOException
    {
        switch (path) {
            case "/flavors/detail" -> send(exchange, 200, fake.resource("nova/flavors-detail.json", Map.of()));
            case "/os-keypairs" -> send(exchange, 200, fake.resource("nova/keypairs.json", Map.of()));
            default -> send(exchange, 404, fake.resource("nova/error-404.json", Map.of("message", "Not found: " + path)));
        }
    }

    void glance(HttpExchange exchange, Request request, String path) throws IOException
    {
        ArrayNode all = (ArrayNode) JSON.readTree(fake.resource("glance/images.json", Map.of())).path("images");
        if (path.equals("/images")) {
            List<JsonNode> matching = new ArrayList<>();
            String name = request.query().get("name");
            all.forEach(image -> {
                if (name == null || name.equals(image.path("name").asText())) {
                    matching.add(image);
                }
            });
            int start = 0;
            String marker = request.query().get("marker");
            if (marker != null) {
                for (int i = 0; i < matching.size(); i++) {
                    if (matching.get(i).path("id").asText().equals(marker)) {
                        start = i + 1;
                    }
                }
            }
            int limit = Integer.parseInt(request.query().getOrDefault("limit", "25"));
            List<JsonNode> page = matching.subList(Math.min(start, matching.size()), Math.min(start + limit, matching.size()));
            ObjectNode answer = JSON.createObjectNode();
            answer.putArray("images").addAll(page);
            answer.put("schema", "/v2/schemas/images");
            answer.put("first", "/v2/images");
            if (start + limit < matching.size()) {
                answer.put("next", "/v2/images?marker=" + page.get(page.size() - 1).path("id").asText() + "&limit=" + limit);
            }
            send(exchange, 200, JSON.writeValueAsString(answer));
            return;
        }
        String id = path.substring("/images/".length());
        for (JsonNode image : all) {
            if (image.path("id").asText().equals(id)) {
                send(exchange, 200, JSON.writeValueAsString(image));
                return;
            }
        }
        // Glance answers its 404 in HTML
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
        send(exchange, 404, "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID "
                + id + "<br /><br />\n\n\n\n </body>\n</html>");
    }

    void neutron(HttpExchange exchange, Request request, String path) throws IOException
    {
        ArrayNode all = (ArrayNode) JSON.readTree(fake.resource("neutron/networks.json", Map.of())).path("networks");
        if (path.equals("/networks")) {
            String name = request.query().get("name");
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode networks = answer.putArray("networks");
            all.forEach(network -> {
                if (name == null || name.equals(network.path("name").asText())) {
                    networks.add(network);
                }
            });
            send(exchange, 200, JSON.writeValueAsString(answer));
            return;
        }
        String id = path.substring("/networks/".length());
        for (JsonNode network : all) {
            if (network.path("id").asText().equals(id)) {
                ObjectNode answer = JSON.createObjectNode();
                answer.set("network", network);
                send(exchange, 200, JSON.writeValueAsString(answer));
                return;
            }
        }
        send(exchange, 404, fake.resource("neutron/error-404.json", Map.of("id", id)));
    }
}
