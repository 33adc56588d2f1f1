package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magnum.InvalidInputException;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of a request's JSON object, in the manner of Magnum's WSME types: each field has one type, a JSON
 * {@code null} means unset, and every wrong type, range or unknown field is collected and reported together by
 * {@link #check()} as a 400. Not thread-safe: one per request.
 */
public final class Body
{
    private final ObjectNode node;
    private final String argument;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<FieldViolation> violations = new ArrayList<>();

    /**
     * @param node     the request's object
     * @param argument what it is, as Magnum names the argument ({@code cluster}, {@code baymodel})
     */
    public Body(ObjectNode node, String argument)
    {
        this.node = node;
        this.argument = argument;
    }

    /** @return whether the field is present with a non-null value */
    public boolean has(String field)
    {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /**
     * @param field the field
     * @return the raw value, or null when absent or null; the field counts as known
     */
    public JsonNode raw(String field)
    {
        read.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * A string of 1 to {@code max} characters.
     *
     * @param field the field
     * @param max   the longest allowed
     * @return the string, or null when unset (or invalid: the violation is kept)
     */
    public String string(String field, int max)
    {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(field, value, "a string");
            return null;
        }
        String text = value.textValue();
        if (text.isEmpty() || text.length() > max) {
            invalid(field, value, max == Integer.MAX_VALUE ? "Value should not be empty."
                    : "Value should have a length of 1 to " + max + " characters, not " + text.length() + ".");
            return null;
        }
        return text;
    }

    /**
     * An integer; numeric strings are read too, as Magnum's clients send some integers as strings.
     *
     * @param field the field
     * @param min   the smallest allowed
     * @param max   the largest allowed
     * @return the integer, or null when unset or invalid
     */
    public Integer integer(String field, int min, int max)
    {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        }
        else if (value.isTextual()) {
            try {
                number = Long.parseLong(value.textValue().trim());
            }
            catch (NumberFormatException e) {
                // reported below
            }
        }
        if (number == null) {
            wrongType(field, value, "an integer");
            return null;
        }
        if (number < min || number > max) {
            invalid(field, value, "Value should be " + (max == Integer.MAX_VALUE ? "greater than or equal to " + min
                    : "between " + min + " and " + max));
            return null;
        }
        return number.intValue();
    }

    /**
     * A boolean: {@code true}/{@code false}, or a string Magnum's {@code bool_from_string} reads.
     *
     * @param field the field
     * @return the boolean, or null when unset or invalid
     */
    public Boolean bool(String field)
    {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        Boolean parsed = value.isBoolean() ? Boolean.valueOf(value.booleanValue())
                : value.isTextual() ? Values.bool(value.textValue()) : null;
        if (parsed == null) {
            wrongType(field, value, "a boolean");
        }
        return parsed;
    }

    /**
     * Labels: an object of scalar values (given back as strings), or the same as a string holding a JSON or Python
     * dict literal, or the CLI's {@code key=value,key=value}.
     *
     * @param field the field
     * @return the labels, or null when unset or invalid
     */
    public Map<String, String> labels(String field)
    {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        try {
            return Values.labels(value);
        }
        catch (IllegalArgumentException e) {
            invalid(field, value, e.getMessage());
            return null;
        }
    }

    /**
     * @param field a field Magnum requires
     */
    public void require(String field)
    {
        read.add(field);
        if (!has(field)) {
            violations.add(new FieldViolation(field, "Invalid input for field/attribute " + field
                    + ". Value: 'None'. Mandatory field missing."));
        }
    }

    /**
     * Marks fields as known without reading them.
     *
     * @param fields the fields
     */
    public void known(String... fields)
    {
        read.addAll(List.of(fields));
    }

    /**
     * Adds a violation of a rule the caller checks itself.
     *
     * @param field   the field
     * @param message the message
     */
    public void violation(String field, String message)
    {
        violations.add(new FieldViolation(field, message));
    }

    /**
     * Reports every field that was not read (or marked known), then every violation.
     *
     * @throws InvalidInputException naming them all
     */
    public void check()
    {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                unknown.add(name);
            }
        }
        List<FieldViolation> all = new ArrayList<>();
        if (!unknown.isEmpty()) {
            all.add(new FieldViolation(unknown.get(0), "Unknown attribute" + (unknown.size() > 1 ? "s" : "")
                    + " for argument " + argument + ": " + String.join(", ", unknown)));
        }
        all.addAll(violations);
        if (!all.isEmpty()) {
            throw new InvalidInputException(all);
        }
    }

    private void wrongType(String field, JsonNode value, String expected)
    {
        invalid(field, value, "Wrong type. Expected " + expected + ", got " + Json.kind(value) + ".");
    }

    private void invalid(String field, JsonNode value, String reason)
    {
        violations.add(new FieldViolation(field, "Invalid input for field/attribute " + field + ". Value: '"
                + Values.abbreviate(value.isTextual() ? value.textValue() : value.toString()) + "'. " + reason));
    }
}
