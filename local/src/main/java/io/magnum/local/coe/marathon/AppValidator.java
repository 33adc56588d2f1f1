package io.magnum.local.coe.marathon;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks Marathon makes of an app definition that matter to the stand-in. A type error (a string where a number
 * belongs) is Marathon's "Invalid JSON" (400); a broken rule is "Object is not valid" (422). Both carry
 * {@code details}: a JSON path and its errors.
 */
final class AppValidator
{
    /** Marathon's rule for one segment of an id. */
    static final Pattern SEGMENT =
            Pattern.compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$");
    private static final Set<String> RESERVED = Set.of("restart", "tasks", "versions", ".", "..");

    /** One entry of Marathon's {@code details}. */
    record Detail(String path, List<String> errors)
    {
    }

    /** The outcome: type errors (400) or rule violations (422), or neither. */
    record Outcome(List<Detail> typeErrors, List<Detail> violations)
    {
        boolean ok()
        {
            return typeErrors.isEmpty() && violations.isEmpty();
        }
    }

    private AppValidator()
    {
    }

    /**
     * @param app a full app definition, id included
     * @return what is wrong with it
     */
    static Outcome validate(JsonNode app)
    {
        List<Detail> types = new ArrayList<>();
        List<Detail> rules = new ArrayList<>();
        if (!app.isObject()) {
            types.add(new Detail("/", List.of("error.expected.jsobject")));
            return new Outcome(types, rules);
        }
        JsonNode id = app.path("id");
        if (id.isMissingNode() || id.isNull()) {
            rules.add(new Detail("/id", List.of("error.path.missing")));
        }
        else if (!id.isTextual()) {
            types.add(new Detail("/id", List.of("error.expected.jsstring")));
        }
        else {
            rules.addAll(idRules(id.asText()));
        }
        integer(app, "instances", types, rules);
        number(app, "cpus", types, rules);
        number(app, "mem", types, rules);
        number(app, "disk", types, rules);
        text(app, "cmd", types);
        if (app.has("env") && !app.get("env").isNull()) {
            if (!app.get("env").isObject()) {
                types.add(new Detail("/env", List.of("error.expected.jsobject")));
            }
        }
        if (app.has("labels") && !app.get("labels").isNull()) {
            JsonNode labels = app.get("labels");
            if (!labels.isObject()) {
                types.add(new Detail("/labels", List.of("error.expected.jsobject")));
            }
            else {
                labels.properties().forEach(e -> {
                    if (!e.getValue().isTextual()) {
                        types.add(new Detail("/labels/" + e.getKey(), List.of("error.expected.jsstring")));
                    }
                });
            }
        }
        JsonNode container = app.path("container");
        boolean hasContainer = container.isObject();
        if (hasContainer) {
            String type = container.path("type").asText("DOCKER");
            JsonNode docker = container.path("docker");
            if (type.equals("DOCKER")) {
                if (!docker.isObject()) {
                    rules.add(new Detail("/container/docker", List.of("must not be empty")));
                }
                else if (docker.path("image").asText("").isBlank()) {
                    rules.add(new Detail("/container/docker/image", List.of("must not be empty")));
                }
            }
        }
        boolean cmd = app.hasNonNull("cmd") && !app.path("cmd").asText("").isEmpty();
        boolean args = app.path("args").isArray() && app.path("args").size() > 0;
        if (!((cmd ^ args) || (!(cmd && args) && hasContainer))) {
            rules.add(new Detail("/", List.of("AppDefinition must either contain one of 'cmd' or 'args', and/or a"
                    + " 'container'.")));
        }
        return new Outcome(List.copyOf(types), List.copyOf(rules));
    }

    /** Each segment must be a valid name, and the last may not be a reserved word. */
    static List<Detail> idRules(String id)
    {
        List<Detail> rules = new ArrayList<>();
        String trimmed = id.replaceAll("^/+", "").replaceAll("/+$", "");
        String[] segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
        if (segments.length == 0) {
            rules.add(new Detail("/id", List.of("Path must contain at least one path element")));
            return rules;
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                rules.add(new Detail("/id", List.of("must fully match regular expression '" + SEGMENT.pattern() + "'")));
                return rules;
            }
        }
        if (RESERVED.contains(segments[segments.length - 1])) {
            rules.add(new Detail("/id", List.of("must not end with any of the following reserved keywords: "
                    + "restart, tasks, versions, ., ..")));
        }
        return rules;
    }

    private static void integer(JsonNode app, String field, List<Detail> types, List<Detail> rules)
    {
        JsonNode value = app.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber()) {
            types.add(new Detail("/" + field, List.of("error.expected.jsnumber")));
        }
        else if (value.asLong() < 0) {
            rules.add(new Detail("/" + field, List.of("got " + value.asLong() + ", expected 0 or more")));
        }
    }

    private static void number(JsonNode app, String field, List<Detail> types, List<Detail> rules)
    {
        JsonNode value = app.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            types.add(new Detail("/" + field, List.of("error.expected.jsnumber")));
        }
        else if (value.asDouble() < 0) {
            rules.add(new Detail("/" + field, List.of("got " + value.asDouble() + ", expected 0.0 or more")));
        }
    }

    private static void text(JsonNode app, String field, List<Detail> types)
    {
        JsonNode value = app.path(field);
        if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
            types.add(new Detail("/" + field, List.of("error.expected.jsstring")));
        }
    }
}
