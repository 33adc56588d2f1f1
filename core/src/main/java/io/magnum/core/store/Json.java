package io.magnum.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text form of the JSON columns (labels, address lists, environments). */
final class Json
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private Json()
    {
    }

    static String write(Map<String, String> map)
    {
        try {
            // sorted, so equal maps store as equal text
            return MAPPER.writeValueAsString(new TreeMap<>(map));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
    }

    static String write(List<String> list)
    {
        try {
            return MAPPER.writeValueAsString(list);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }

    static Map<String, String> readMap(String json)
    {
        try {
            return json == null ? Map.of() : MAPPER.readValue(json, STRING_MAP);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a map of strings: " + e.getOriginalMessage(), e);
        }
    }

    static List<String> readList(String json)
    {
        try {
            return json == null ? List.of() : MAPPER.readValue(json, STRING_LIST);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a list of strings: " + e.getOriginalMessage(), e);
        }
    }
}
