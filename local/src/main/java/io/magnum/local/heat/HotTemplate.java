package io.magnum.local.heat;

import io.magnum.spi.cloud.InvalidStackException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed HOT template: its version, parameters, conditions, resources and outputs, as written. */
final class HotTemplate
{
    static final List<String> VERSIONS = List.of("2013-05-23", "2014-10-16", "2015-04-30", "2015-10-15",
            "2016-04-08", "2016-10-14");
    private static final Set<String> SECTIONS = Set.of("heat_template_version", "description", "parameter_groups",
            "parameters", "resources", "outputs", "conditions");
    private static final Set<String> RESOURCE_KEYS = Set.of("type", "properties", "metadata", "depends_on",
            "update_policy", "deletion_policy", "condition", "external_id");

    /** One resource as written. */
    record ResourceDef(String name, String type, Object properties, Object metadata, List<String> dependsOn,
            String deletionPolicy, Object updatePolicy, Object condition)
    {
    }

    /** One output as written. */
    record OutputDef(String name, Object value, String description, Object condition)
    {
    }

    final String version;
    final String description;
    final Map<String, ParameterSpec> parameters;
    final Map<String, Object> conditions;
    final Map<String, ResourceDef> resources;
    final Map<String, OutputDef> outputs;

    HotTemplate(String version, String description, Map<String, ParameterSpec> parameters,
            Map<String, Object> conditions, Map<String, ResourceDef> resources, Map<String, OutputDef> outputs)
    {
        this.version = version;
        this.description = description;
        this.parameters = parameters;
        this.conditions = conditions;
        this.resources = resources;
        this.outputs = outputs;
    }

    boolean atLeast(String other)
    {
        return version.compareTo(other) >= 0;
    }

    static HotTemplate parse(String text, String what)
    {
        return of(Yaml.load(text, what));
    }

    /**
     * A stack's own template, read as Heat's API reads it: text that is no template at all (YAML that does not
     * parse, not a mapping, no version) is refused with the API's words, {@code Template not in valid format: ...},
     * as the real Heat answers.
     *
     * @param text the template text
     * @return the template
     * @throws InvalidStackException what Heat answers with 400
     */
    static HotTemplate parseRoot(String text)
    {
        Object root;
        try {
            root = Yaml.loadOrThrow(text);
        }
        catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidStackException(NOT_VALID + "Error parsing template [root stack] " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidStackException(NOT_VALID + "The template is not a JSON object or YAML mapping.");
        }
        if (!map.containsKey("heat_template_version")) {
            throw new InvalidStackException(NOT_VALID + "Template format version not found.");
        }
        return of(root);
    }

    private static final String NOT_VALID = "Template not in valid format: ";

    private static HotTemplate of(Object root)
    {
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidStackException("The template is not a JSON object or YAML mapping.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) map;
        Object version = template.get("heat_template_version");
        if (version == null) {
            throw new InvalidStackException("Template format version not found.");
        }
        String v = String.valueOf(version);
        if (!VERSIONS.contains(v)) {
            throw new InvalidStackException("The template version is invalid: \"heat_template_version: " + v
                    + "\". \"heat_template_version\" should be one of: " + String.join(", ", VERSIONS));
        }
        for (String section : template.keySet()) {
            if (!SECTIONS.contains(section) || (section.equals("conditions") && v.compareTo("2016-10-14") < 0)) {
                throw new InvalidStackException("The template section is invalid: " + section);
            }
        }
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : mapOf(template.get("parameters"), "parameters").entrySet()) {
            parameters.put(entry.getKey(), ParameterSpec.parse(entry.getKey(), entry.getValue()));
        }
        checkGroups(template.get("parameter_groups"), parameters);
        Map<String, Object> conditions = mapOf(template.get("conditions"), "conditions");
        Map<String, ResourceDef> resources = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : mapOf(template.get("resources"), "resources").entrySet()) {
            resources.put(entry.getKey(), resource(entry.getKey(), entry.getValue(), v));
        }
        Map<String, OutputDef> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : mapOf(template.get("outputs"), "outputs").entrySet()) {
            Map<String, Object> output = mapOf(entry.getValue(), "outputs." + entry.getKey());
            if (!output.containsKey("value")) {
                throw new InvalidStackException("Each output definition must contain a value key. (outputs."
                        + entry.getKey() + ")");
            }
            outputs.put(entry.getKey(), new OutputDef(entry.getKey(), output.get("value"),
                    output.get("description") == null ? null : String.valueOf(output.get("description")),
                    output.get("condition")));
        }
        Object description = template.get("description");
        return new HotTemplate(v, description == null ? null : String.valueOf(description), parameters, conditions,
                resources, outputs);
    }

    private static void checkGroups(Object groups, Map<String, ParameterSpec> parameters)
    {
        if (groups == null) {
            return;
        }
        if (!(groups instanceof List<?> list)) {
            throw new InvalidStackException("Parameter Groups should be a list.");
        }
        java.util.Set<String> grouped = new java.util.HashSet<>();
        for (Object group : list) {
            Object names = mapOf(group, "parameter_groups").get("parameters");
            if (!(names instanceof List<?> members)) {
                throw new InvalidStackException("Parameters must be provided for each Parameter Group.");
            }
            for (Object member : members) {
                String name = String.valueOf(member);
                if (!parameters.containsKey(name)) {
                    throw new InvalidStackException("The grouped parameter " + name + " does not reference a valid parameter.");
                }
                if (!grouped.add(name)) {
                    throw new InvalidStackException("The " + name + " parameter must be assigned to one parameter group only.");
                }
            }
        }
    }

    private static ResourceDef resource(String name, Object raw, String version)
    {
        Map<String, Object> def = mapOf(raw, "resources." + name);
        for (String key : def.keySet()) {
            if (!RESOURCE_KEYS.contains(key)
                    || ((key.equals("condition") || key.equals("external_id")) && version.compareTo("2016-10-14") < 0)) {
                throw new InvalidStackException("\"" + key + "\" is not a valid keyword inside a resource definition");
            }
        }
        Object type = def.get("type");
        if (!(type instanceof String typeName) || typeName.isBlank()) {
            throw new InvalidStackException("Resource " + name + " type type must be string");
        }
        List<String> dependsOn = new ArrayList<>();
        Object depends = def.get("depends_on");
        if (depends instanceof String single) {
            dependsOn.add(single);
        }
        else if (depends instanceof List<?> many) {
            many.forEach(d -> dependsOn.add(String.valueOf(d)));
        }
        else if (depends != null) {
            throw new InvalidStackException("Resource " + name + " depends_on must be a list or a string");
        }
        Object policy = def.get("deletion_policy");
        String deletionPolicy = policy == null ? "Delete" : String.valueOf(policy);
        if (!Set.of("Delete", "Retain", "Snapshot").contains(deletionPolicy)) {
            throw new InvalidStackException("Invalid deletion policy \"" + deletionPolicy + "\"");
        }
        Object properties = def.get("properties");
        if (properties != null && !(properties instanceof Map)) {
            throw new InvalidStackException("Resource " + name + " properties must be a map");
        }
        return new ResourceDef(name, typeName, properties == null ? new LinkedHashMap<>() : properties,
                def.get("metadata"), List.copyOf(dependsOn), deletionPolicy, def.get("update_policy"),
                def.get("condition"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object value, String what)
    {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new InvalidStackException("The \"" + what + "\" section must be a map, not " + Values.describe(value));
    }
}
