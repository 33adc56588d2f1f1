package io.magnum.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * The python client's argument helpers ({@code magnumclient.common.utils}): {@code <path=value>} lists to a
 * JSON-patch, and {@code --labels} to a map. Stateless.
 */
final class Arguments
{
    /** The patch operations the update commands take. */
    enum Op
    {
        add, replace, remove
    }

    /** Sort directions of the list commands. */
    enum SortDir
    {
        asc, desc
    }

    private Arguments()
    {
    }

    /**
     * {@code args_array_to_patch}: each {@code path=value} becomes {@code {"op", "path": "/path", "value"}}, the
     * value read as JSON when it is JSON ({@code 2}, {@code true}, {@code {"a": "b"}}) and as a string otherwise;
     * {@code remove} takes paths alone.
     *
     * @param mapper     the JSON mapper
     * @param op         the operation
     * @param attributes the {@code path=value} arguments
     * @return the patch
     * @throws CliException for an attribute without {@code =} (add, replace)
     */
    static ArrayNode patch(ObjectMapper mapper, Op op, List<String> attributes)
    {
        ArrayNode patch = mapper.createArrayNode();
        for (String attribute : attributes) {
            String path = attribute.startsWith("/") ? attribute : "/" + attribute;
            ObjectNode operation = patch.addObject().put("op", op.name());
            if (op == Op.remove) {
                operation.put("path", path);
                continue;
            }
            int equals = path.indexOf('=');
            if (equals < 0) {
                throw new CliException("Attributes must be a list of PATH=VALUE not \"" + path + "\"");
            }
            operation.put("path", path.substring(0, equals));
            operation.set("value", jsonOrText(mapper, path.substring(equals + 1)));
        }
        return patch;
    }

    /** Python's {@code json.loads} of a value, or the text itself when it is not JSON. */
    static JsonNode jsonOrText(ObjectMapper mapper, String text)
    {
        try {
            // as json.loads: one value and nothing after it
            JsonNode value = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (value != null && !value.isMissingNode()) {
                return value;
            }
        }
        catch (JsonProcessingException e) {
            // not JSON: a string
        }
        return TextNode.valueOf(text);
    }

    /**
     * {@code format_labels}: {@code --labels} may be given several times ({@code --labels a=1 --labels b=2}), or
     * once with pairs split by {@code ,} or {@code ;}; a key given twice collects its values in a list.
     *
     * @param mapper the JSON mapper
     * @param labels the {@code --labels} values
     * @return the labels object
     * @throws CliException for a label without {@code =}
     */
    static ObjectNode labels(ObjectMapper mapper, List<String> labels)
    {
        ObjectNode result = mapper.createObjectNode();
        if (labels == null || labels.isEmpty()) {
            return result;
        }
        List<String> pairs = labels.size() == 1 ? List.of(labels.get(0).replace(';', ',').split(",", -1)) : labels;
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new CliException("labels must be a list of KEY=VALUE not " + pair);
            }
            String key = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            JsonNode existing = result.get(key);
            if (existing == null) {
                result.put(key, value);
            }
            else if (existing.isArray()) {
                ((ArrayNode) existing).add(value);
            }
            else {
                result.putArray(key).add(existing.textValue()).add(value);
            }
        }
        return result;
    }
}
