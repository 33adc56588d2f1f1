package io.magnum.api.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads request bodies strictly (one JSON value, no duplicate keys, no trailing data, bounded nesting) and writes
 * responses. One mapper per server; mappers are thread-safe once configured.
 */
public final class Json
{
    private final ObjectMapper mapper;

    public Json()
    {
        // request bodies are small (the server caps them); deep nesting is never legitimate here
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * @param body the request body
     * @param what what the body should be, for messages ({@code cluster})
     * @return the body's JSON object
     * @throws ApiException 400 when the body is empty, not JSON, or not an object
     */
    public ObjectNode object(byte[] body, String what)
    {
        JsonNode node = read(body, "a JSON object (the " + what + ")");
        if (!node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object (the " + what + "), not "
                    + kind(node));
        }
        return (ObjectNode) node;
    }

    /**
     * @param body the request body
     * @return the body's JSON array (a JSON-patch)
     * @throws ApiException 400 when the body is empty, not JSON, or not an array
     */
    public ArrayNode patch(byte[] body)
    {
        JsonNode node = read(body, "a JSON-patch: a list of operations");
        if (!node.isArray()) {
            throw ApiException.badRequest("The request body must be a JSON-patch: a list of operations such as"
                    + " [{\"op\": \"replace\", \"path\": \"/node_count\", \"value\": 2}], not " + kind(node));
        }
        return (ArrayNode) node;
    }

    private JsonNode read(byte[] body, String expected)
    {
        if (body.length == 0) {
            throw ApiException.badRequest("The request body is empty; expected " + expected);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("The request body is empty; expected " + expected);
            }
            return node;
        }
        catch (JsonParseException e) {
            throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + location(e));
        }
        catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String location(JsonParseException e)
    {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /**
     * @param value maps, lists, strings, numbers, booleans and nulls
     * @return UTF-8 JSON
     */
    public byte[] write(Object value)
    {
        try {
            return mapper.writeValueAsBytes(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** @return a JSON value's kind, for messages */
    static String kind(JsonNode node)
    {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
