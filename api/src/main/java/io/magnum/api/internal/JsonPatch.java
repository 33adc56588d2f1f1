package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.magnum.InvalidInputException;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON-patch as Magnum's API takes it (RFC 6902 restricted to {@code add}, {@code replace} and {@code remove}):
 * each operation an object of {@code op}, {@code path} ({@code ^(/[\w-]+)+$}) and, except for remove, a
 * {@code value} (a string, integer or boolean; an object for {@code /labels}). Internal attributes may not be
 * touched and mandatory ones not removed.
 *
 * @param operations the checked operations, in order
 */
public record JsonPatch(List<Operation> operations)
{
    private static final Pattern PATH = Pattern.compile("^(/[\\w-]+)+$");
    private static final Set<String> KEYS = Set.of("op", "path", "value");
    private static final Set<String> OPS = Set.of("add", "replace", "remove");

    /** The attributes no patch may touch, on every object. */
    public static final Set<String> INTERNAL = Set.of("/created_at", "/id", "/links", "/updated_at", "/uuid",
            "/project_id", "/user_id");

    /**
     * One operation.
     *
     * @param op    {@code add}, {@code replace} or {@code remove}
     * @param path  the path, such as {@code /labels/kube_tag}
     * @param value the value; null for remove
     */
    public record Operation(String op, String path, JsonNode value)
    {
        /** @return the path's first segment: the attribute ({@code labels}) */
        public String attribute()
        {
            int slash = path.indexOf('/', 1);
            return slash < 0 ? path.substring(1) : path.substring(1, slash);
        }

        /** @return whether the path goes below the attribute ({@code /labels/kube_tag}) */
        public boolean nested()
        {
            return path.indexOf('/', 1) >= 0;
        }

        /** @return the part below the attribute ({@code kube_tag}), or empty */
        public String rest()
        {
            int slash = path.indexOf('/', 1);
            return slash < 0 ? "" : path.substring(slash + 1);
        }
    }

    /**
     * @param patch        the request's patch
     * @param internal     attributes no patch may touch (besides {@link #INTERNAL})
     * @param nonRemovable attributes a patch may not remove
     * @return the patch
     * @throws InvalidInputException naming every malformed operation
     */
    public static JsonPatch parse(ArrayNode patch, Set<String> internal, Set<String> nonRemovable)
    {
        List<Operation> operations = new ArrayList<>();
        List<FieldViolation> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode element : patch) {
            index++;
            if (!element.isObject()) {
                errors.add(new FieldViolation("patch", "Patch operation " + index + " must be an object with op, path"
                        + " and value, not " + Json.kind(element) + "."));
                continue;
            }
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> names = element.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!KEYS.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                errors.add(new FieldViolation("patch", "Unknown attribute for argument patch: "
                        + String.join(", ", unknown)));
                continue;
            }
            String op = text(element, "op", errors);
            String path = text(element, "path", errors);
            if (op == null || path == null) {
                continue;
            }
            if (!OPS.contains(op)) {
                errors.add(new FieldViolation("op", "Invalid input for field/attribute op. Value: '"
                        + Values.abbreviate(op) + "'. Value should be one of: add, remove, replace."));
                continue;
            }
            if (!PATH.matcher(path).matches()) {
                errors.add(new FieldViolation("path", "Invalid input for field/attribute path. Value: '"
                        + Values.abbreviate(path) + "'. Value should match the pattern ^(/[\\w-]+)+$."));
                continue;
            }
            if (INTERNAL.contains(path) || internal.contains(path)) {
                errors.add(new FieldViolation(path.substring(1), "'" + path
                        + "' is an internal attribute and can not be updated"));
                continue;
            }
            JsonNode value = element.get("value");
            if (op.equals("remove")) {
                if (nonRemovable.contains(path)) {
                    errors.add(new FieldViolation(path.substring(1), "'" + path
                            + "' is a mandatory attribute and can not be removed"));
                    continue;
                }
                operations.add(new Operation(op, path, null));
                continue;
            }
            if (value == null || value.isNull()) {
                errors.add(new FieldViolation(path.substring(1), "'add' and 'replace' operations need a value ("
                        + path + ")"));
                continue;
            }
            boolean labels = path.equals("/labels");
            if (!(value.isTextual() || value.isIntegralNumber() || value.isBoolean() || (labels && value.isObject()))) {
                errors.add(new FieldViolation(path.substring(1), "Invalid input for field/attribute value. Value: '"
                        + Values.abbreviate(value.toString()) + "'. Wrong type. Expected a string or an integer"
                        + (labels ? " (or an object of labels)" : "") + ", got " + Json.kind(value) + "."));
                continue;
            }
            operations.add(new Operation(op, path, value));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new JsonPatch(List.copyOf(operations));
    }

    private static String text(JsonNode element, String key, List<FieldViolation> errors)
    {
        JsonNode value = element.get(key);
        if (value == null || value.isNull()) {
            errors.add(new FieldViolation(key, "Invalid input for field/attribute " + key
                    + ". Value: 'None'. Mandatory field missing."));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldViolation(key, "Invalid input for field/attribute " + key + ". Value: '"
                    + Values.abbreviate(value.toString()) + "'. Wrong type. Expected a string, got "
                    + Json.kind(value) + "."));
            return null;
        }
        return value.textValue();
    }
}
