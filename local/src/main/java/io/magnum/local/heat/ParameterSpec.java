package io.magnum.local.heat;

import io.magnum.spi.cloud.InvalidStackException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A declared template parameter: its type, default, hidden flag and constraints. */
final class ParameterSpec
{
    static final Set<String> TYPES = Set.of("string", "number", "json", "comma_delimited_list", "boolean");
    private static final Set<String> KEYS = Set.of("type", "label", "description", "default", "hidden",
            "constraints", "immutable", "tags");
    private static final Set<String> TRUE = Set.of("t", "true", "on", "y", "yes", "1");
    private static final Set<String> FALSE = Set.of("f", "false", "off", "n", "no", "0");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** One constraint as declared. */
    record Constraint(String kind, Object spec, String description)
    {
    }

    final String name;
    final String type;
    final Object defaultValue;
    final boolean hasDefault;
    final boolean hidden;
    final List<Constraint> constraints;

    private ParameterSpec(String name, String type, Object defaultValue, boolean hasDefault, boolean hidden,
            List<Constraint> constraints)
    {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.hasDefault = hasDefault;
        this.hidden = hidden;
        this.constraints = constraints;
    }

    static ParameterSpec parse(String name, Object raw)
    {
        Map<String, Object> def = HotTemplate.mapOf(raw, "parameters." + name);
        for (String key : def.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidStackException("Invalid key '" + key + "' for parameter (" + name + ")");
            }
        }
        Object type = def.get("type");
        if (type == null) {
            throw new InvalidStackException("Missing parameter type for parameter: " + name);
        }
        if (!TYPES.contains(String.valueOf(type))) {
            throw new InvalidStackException("Invalid type (" + type + ")");
        }
        List<Constraint> constraints = new ArrayList<>();
        Object rawConstraints = def.get("constraints");
        if (rawConstraints != null) {
            if (!(rawConstraints instanceof List<?> list)) {
                throw new InvalidStackException("Invalid parameter constraints for parameter " + name
                        + ", expected a list");
            }
            for (Object item : list) {
                Map<String, Object> c = HotTemplate.mapOf(item, "parameters." + name + ".constraints");
                String description = c.get("description") == null ? null : String.valueOf(c.get("description"));
                String kind = null;
                for (String key : c.keySet()) {
                    if (!key.equals("description")) {
                        kind = key;
                    }
                }
                if (kind == null || !Set.of("length", "range", "allowed_values", "allowed_pattern",
                        "custom_constraint", "modulo").contains(kind)) {
                    throw new InvalidStackException("Invalid parameter constraints for parameter " + name
                            + ", expected one of length, range, allowed_values, allowed_pattern, custom_constraint");
                }
                constraints.add(new Constraint(kind, c.get(kind), description));
            }
        }
        ParameterSpec spec = new ParameterSpec(name, String.valueOf(type), def.get("default"), def.containsKey("default"),
                Boolean.TRUE.equals(def.get("hidden")) || "true".equalsIgnoreCase(String.valueOf(def.get("hidden"))),
                List.copyOf(constraints));
        if (spec.hasDefault && spec.defaultValue != null) {
            // Heat checks defaults against the type (not against custom constraints) when it loads a template
            spec.coerce(spec.defaultValue);
        }
        return spec;
    }

    /**
     * The typed value of a given (string) value or of the default, checked against every constraint.
     *
     * @param given     the value passed, or null
     * @param inventory for custom constraints
     * @return the value: String, Long/Double, Boolean, List of String, or Map/List for json
     */
    Object resolve(Object given, Inventory inventory)
    {
        Object raw = given != null ? given : defaultValue;
        if (given == null && !hasDefault) {
            throw new InvalidStackException("The Parameter (" + name + ") was not provided.");
        }
        Object value = coerce(raw);
        for (Constraint constraint : constraints) {
            String error = check(constraint, value, inventory);
            if (error != null) {
                throw new InvalidStackException("Parameter '" + name + "' is invalid: "
                        + (constraint.description() != null ? constraint.description() : error));
            }
        }
        return value;
    }

    Object coerce(Object raw)
    {
        switch (type) {
            case "string":
                return raw == null ? "" : Values.text(raw);
            case "number":
                try {
                    return Values.number(raw);
                }
                catch (NumberFormatException e) {
                    throw new InvalidStackException("Parameter '" + name + "' is invalid: could not convert string to"
                            + " float: '" + raw + "'");
                }
            case "boolean":
                if (raw instanceof Boolean b) {
                    return b;
                }
                String text = String.valueOf(raw).trim().toLowerCase();
                if (TRUE.contains(text)) {
                    return true;
                }
                if (FALSE.contains(text)) {
                    return false;
                }
                throw new InvalidStackException("Parameter '" + name + "' is invalid: Unrecognized value '" + raw
                        + "', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'");
            case "comma_delimited_list":
                if (raw == null) {
                    return List.of();
                }
                if (raw instanceof List<?> list) {
                    return list.stream().map(Values::text).toList();
                }
                String csv = Values.text(raw).trim();
                if (csv.isEmpty() || csv.equals("[]")) {
                    return List.of();
                }
                return Arrays.stream(csv.split(",")).map(String::trim).toList();
            default: // json
                if (raw instanceof Map || raw instanceof List) {
                    return raw;
                }
                String jsonText = Values.text(raw).trim();
                if (jsonText.isEmpty()) {
                    return new LinkedHashMap<>();
                }
                Object parsed = Yaml.load(jsonText, "parameter " + name);
                if (!(parsed instanceof Map) && !(parsed instanceof List)) {
                    throw new InvalidStackException("Parameter '" + name + "' is invalid: Value must be valid JSON");
                }
                return parsed;
        }
    }

    private String check(Constraint c, Object value, Inventory inventory)
    {
        switch (c.kind()) {
            case "length": {
                Map<String, Object> bounds = HotTemplate.mapOf(c.spec(), "length");
                int length = value instanceof List<?> l ? l.size() : value instanceof Map<?, ?> m ? m.size()
                        : Values.text(value).length();
                Long min = bounds.get("min") == null ? null : Values.number(bounds.get("min")).longValue();
                Long max = bounds.get("max") == null ? null : Values.number(bounds.get("max")).longValue();
                if ((min != null && length < min) || (max != null && length > max)) {
                    return lengthMessage(min, max);
                }
                return null;
            }
            case "range": {
                Map<String, Object> bounds = HotTemplate.mapOf(c.spec(), "range");
                double number = Values.number(value).doubleValue();
                Number min = bounds.get("min") == null ? null : Values.number(bounds.get("min"));
                Number max = bounds.get("max") == null ? null : Values.number(bounds.get("max"));
                if ((min != null && number < min.doubleValue()) || (max != null && number > max.doubleValue())) {
                    if (min != null && max != null) {
                        return "The value must be in the range " + min + " to " + max + ".";
                    }
                    return min != null ? "The value must be at least " + min + "." : "The value must be no greater than " + max + ".";
                }
                return null;
            }
            case "allowed_values": {
                if (!(c.spec() instanceof List<?> allowed)) {
                    throw new InvalidStackException("allowed_values must be a list (parameter " + name + ")");
                }
                List<String> texts = allowed.stream().map(Values::text).toList();
                List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
                for (Object v : values) {
                    if (!texts.contains(Values.text(v))) {
                        return "\"" + Values.text(v) + "\" is not an allowed value " + texts;
                    }
                }
                return null;
            }
            case "allowed_pattern": {
                Pattern pattern = Pattern.compile(String.valueOf(c.spec()));
                var matcher = pattern.matcher(Values.text(value));
                if (!matcher.lookingAt() || matcher.end() != Values.text(value).length()) {
                    return "\"" + Values.text(value) + "\" does not match pattern \"" + c.spec() + "\"";
                }
                return null;
            }
            case "modulo":
                return null;
            default:
                return custom(String.valueOf(c.spec()), value, inventory);
        }
    }

    private static String lengthMessage(Long min, Long max)
    {
        if (min != null && max != null) {
            return "length must be in the range " + min + " to " + max + ".";
        }
        return min != null ? "length must be at least " + min + "." : "length must be no greater than " + max + ".";
    }

    private static String custom(String constraint, Object value, Inventory inventory)
    {
        List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
        for (Object item : values) {
            String v = Values.text(item);
            switch (constraint) {
                case "nova.flavor":
                    if (!inventory.hasFlavor(v)) {
                        return "Error validating value '" + v + "': The Flavor ID (" + v + ") could not be found.";
                    }
                    break;
                case "glance.image":
                    if (!inventory.hasImage(v)) {
                        return "Error validating value '" + v + "': The Image (" + v + ") could not be found.";
                    }
                    break;
                case "nova.keypair":
                    if (!inventory.hasKeypair(v)) {
                        return "Error validating value '" + v + "': The Key (" + v + ") could not be found.";
                    }
                    break;
                case "neutron.network":
                    if (inventory.networkId(v) == null) {
                        return "Error validating value '" + v + "': Unable to find network with name or id '" + v + "'";
                    }
                    break;
                case "ip_addr":
                    if (!IPV4.matcher(v).matches() && !v.contains(":")) {
                        return "Error validating value '" + v + "': Invalid IP address";
                    }
                    break;
                case "net_cidr", "cidr":
                    String[] parts = v.split("/");
                    if (parts.length != 2 || !IPV4.matcher(parts[0]).matches() || !parts[1].matches("\\d{1,2}")
                            || Integer.parseInt(parts[1]) > 32) {
                        return "Error validating value '" + v + "': Invalid net cidr " + v;
                    }
                    break;
                default:
                    return "The custom constraint \"" + constraint + "\" is not registered";
            }
        }
        return null;
    }
}
