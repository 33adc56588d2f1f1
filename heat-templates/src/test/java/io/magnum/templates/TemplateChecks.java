package io.magnum.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Static checks of the HOT templates under a classpath directory, for tests of any bay type.
 *
 * <p>{@link #check(String, String)} reads every {@code .yaml} file under the directory (sub-directories included)
 * that is a HOT template (has {@code heat_template_version}) and reports, as human-readable strings, what the
 * in-process Heat engine or a real Heat would reject: an unsupported template version, an unknown section or key,
 * a reference to an undeclared parameter, resource or condition, a {@code get_file} of a missing file, a nested
 * template type ({@code *.yaml}) that does not exist or is given properties it does not declare, an intrinsic
 * function outside the supported set (or newer than the template's version), a parameter of an unknown type, an
 * output without a value. An empty list means the directory passed. The methods depend on SnakeYAML only, not on a
 * test framework.
 *
 * <p>Templates are loaded as Heat loads them: YAML 1.1, except that timestamps stay strings (so
 * {@code heat_template_version: 2016-10-14} is the string {@code "2016-10-14"}), and duplicate keys are an error.
 */
public final class TemplateChecks {

    /** The template versions the in-process engine runs, oldest first. */
    public static final List<String> SUPPORTED_VERSIONS = List.of(
            "2013-05-23", "2014-10-16", "2015-04-30", "2015-10-15", "2016-04-08", "2016-10-14");

    /** Top-level sections of a HOT template ({@code conditions} from 2016-10-14 on). */
    public static final Set<String> SECTIONS = Set.of(
            "heat_template_version", "description", "parameter_groups", "parameters", "resources", "outputs",
            "conditions");

    /** Intrinsic functions the in-process engine supports, with the template version each first appeared in. */
    public static final Map<String, String> SUPPORTED_FUNCTIONS = orderedMap(
            "get_param", "2013-05-23",
            "get_resource", "2013-05-23",
            "get_attr", "2013-05-23",
            "get_file", "2013-05-23",
            "str_replace", "2013-05-23",
            "resource_facade", "2013-05-23",
            "list_join", "2014-10-16",
            "repeat", "2014-10-16",
            "digest", "2015-04-30",
            "str_split", "2015-10-15",
            "map_merge", "2016-04-08",
            "if", "2016-10-14");

    /** Functions allowed in condition expressions (the {@code conditions} section, {@code condition:}, {@code if}). */
    public static final Set<String> CONDITION_FUNCTIONS = Set.of("equals", "not", "and", "or", "get_param");

    /**
     * Function names of real Heat (any version) or CloudFormation that the in-process engine does not run: a
     * single-key map with one of these keys is reported. (Single-key maps with other keys are plain data.)
     */
    public static final Set<String> UNSUPPORTED_FUNCTIONS = Set.of(
            "yaql", "map_replace", "str_replace_strict", "str_replace_vstrict", "filter", "make_url", "contains",
            "list_concat", "list_concat_unique", "equals", "not", "and", "or",
            "Ref", "Fn::GetAtt", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Replace", "Fn::Base64", "Fn::GetAZs",
            "Fn::MemberListToMap", "Fn::ResourceFacade", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or");

    /** Parameters every stack has without declaring them. */
    public static final Set<String> PSEUDO_PARAMETERS = Set.of("OS::stack_name", "OS::stack_id", "OS::project_id");

    /** Parameter types of HOT. */
    public static final Set<String> PARAMETER_TYPES = Set.of(
            "string", "number", "json", "comma_delimited_list", "boolean");

    private static final Set<String> PARAMETER_KEYS = Set.of(
            "type", "label", "description", "default", "hidden", "constraints", "immutable", "tags");
    private static final Set<String> CONSTRAINT_KEYS = Set.of(
            "range", "length", "allowed_values", "allowed_pattern", "custom_constraint", "description");
    private static final Set<String> RESOURCE_KEYS = Set.of(
            "type", "properties", "metadata", "depends_on", "update_policy", "deletion_policy", "description",
            "condition", "external_id");
    private static final Set<String> OUTPUT_KEYS = Set.of("description", "value", "condition");
    /** Resource types whose properties nest the definition of their members. */
    private static final Map<String, String> GROUP_DEFINITION_PROPERTY = Map.of(
            "OS::Heat::ResourceGroup", "resource_def",
            "OS::Heat::AutoScalingGroup", "resource");

    private TemplateChecks() {
    }

    // ------------------------------------------------------------------ public API

    /**
     * Checks every HOT template under the classpath directory {@code dir} (e.g.
     * {@code "io/magnum/templates/kubernetes"}); {@code mainTemplate} (e.g. {@code "kubecluster.yaml"}) must be one
     * of them. Returns the problems found, each naming its file; empty when all is well.
     */
    public static List<String> check(String dir, String mainTemplate) {
        Path root = directory(dir);
        if (root == null) {
            return List.of(dir + ": no such classpath directory");
        }
        return check(root, mainTemplate);
    }

    /** {@link #check(String, String)} of a directory given as a path (e.g. a copy made by a test). */
    public static List<String> check(Path root, String mainTemplate) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + ": no such directory");
            return problems;
        }
        Path main = root.resolve(mainTemplate);
        if (!Files.isRegularFile(main)) {
            problems.add(mainTemplate + ": the main template does not exist");
        }
        for (Path file : yamlFiles(root)) {
            String name = root.relativize(file).toString().replace('\\', '/');
            Object loaded;
            try {
                loaded = parse(read(file));
            } catch (RuntimeException e) {
                // a fragment (cloud-config with placeholders) need not be YAML; a template must be
                if (!name.contains("/") || read(file).contains("heat_template_version")) {
                    problems.add(name + ": does not parse as YAML: " + firstLine(e.getMessage()));
                }
                continue;
            }
            if (!(loaded instanceof Map<?, ?> map) || !map.containsKey("heat_template_version")) {
                if (name.equals(mainTemplate)) {
                    problems.add(name + ": the main template is not a HOT template (no heat_template_version)");
                }
                continue;
            }
            problems.addAll(checkTemplate(file, name, asMap(loaded)));
        }
        return problems;
    }

    /** Checks one template file, {@code dir/template}; see {@link #check(String, String)}. */
    public static List<String> checkTemplate(String dir, String template) {
        Path root = directory(dir);
        if (root == null || !Files.isRegularFile(root.resolve(template))) {
            return List.of(dir + "/" + template + ": no such template");
        }
        Path file = root.resolve(template);
        try {
            return checkTemplate(file, template, asMap(parse(read(file))));
        } catch (RuntimeException e) {
            return List.of(template + ": does not parse as a HOT template: " + firstLine(e.getMessage()));
        }
    }

    /** The names of the parameters {@code dir/template} declares, in template order. */
    public static Set<String> parameters(String dir, String template) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(section(load(dir, template), "parameters").keySet()));
    }

    /** The names of the parameters {@code dir/template} declares without a default (a stack must pass them). */
    public static Set<String> requiredParameters(String dir, String template) {
        Set<String> required = new LinkedHashSet<>();
        section(load(dir, template), "parameters").forEach((name, schema) -> {
            if (!(schema instanceof Map<?, ?> m) || !m.containsKey("default")) {
                required.add(name);
            }
        });
        return Collections.unmodifiableSet(required);
    }

    /** The names of the outputs {@code dir/template} declares, in template order. */
    public static Set<String> outputs(String dir, String template) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(section(load(dir, template), "outputs").keySet()));
    }

    /** The names of the resources {@code dir/template} declares, in template order. */
    public static Set<String> resources(String dir, String template) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(section(load(dir, template), "resources").keySet()));
    }

    /** The paths {@code dir/template} names in {@code get_file}, relative to the template, in order of appearance. */
    public static Set<String> referencedFiles(String dir, String template) {
        Set<String> files = new LinkedHashSet<>();
        collectFunctionArgs(load(dir, template), "get_file", files);
        return Collections.unmodifiableSet(files);
    }

    /** {@code dir/template} parsed as Heat parses it (maps keep their order). */
    public static Map<String, Object> load(String dir, String template) {
        Path root = directory(dir);
        if (root == null || !Files.isRegularFile(root.resolve(template))) {
            throw new IllegalArgumentException(dir + "/" + template + ": no such file on the classpath");
        }
        return asMap(parse(read(root.resolve(template))));
    }

    /** The text of the file {@code dir/path} on the classpath. */
    public static String readText(String dir, String path) {
        Path root = directory(dir);
        if (root == null || !Files.isRegularFile(root.resolve(path))) {
            throw new IllegalArgumentException(dir + "/" + path + ": no such file on the classpath");
        }
        return read(root.resolve(path));
    }

    /**
     * The file {@code dir/path} on the classpath as a {@link Path} (a file of the default file system when the
     * classpath entry is a directory, else of a zip file system).
     */
    public static Path path(String dir, String path) {
        Path root = directory(dir);
        if (root == null) {
            throw new IllegalArgumentException(dir + ": no such classpath directory");
        }
        return root.resolve(path);
    }

    /** YAML text parsed as Heat parses templates: timestamps stay strings, duplicate keys are an error. */
    public static Object parse(String yamlText) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        return new Yaml(new HeatConstructor(options)).load(yamlText);
    }

    // ------------------------------------------------------------------ one template

    private static List<String> checkTemplate(Path file, String name, Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        Context c = new Context(file, name, template, problems);

        for (String section : template.keySet()) {
            if (!SECTIONS.contains(section)) {
                c.problem("", "unknown top-level section '" + section + "'");
            }
        }
        Object version = template.get("heat_template_version");
        if (!(version instanceof String v) || !SUPPORTED_VERSIONS.contains(v)) {
            c.problem("heat_template_version", "'" + version + "' is not one of " + SUPPORTED_VERSIONS);
        }
        if (template.containsKey("conditions") && !c.atLeast("2016-10-14")) {
            c.problem("conditions", "the conditions section needs heat_template_version 2016-10-14");
        }

        checkParameters(c);
        checkParameterGroups(c);
        checkConditions(c);
        checkResources(c);
        checkOutputs(c);
        return problems;
    }

    private static void checkParameters(Context c) {
        Object section = c.template.get("parameters");
        if (section == null) {
            return;
        }
        if (!(section instanceof Map<?, ?>)) {
            c.problem("parameters", "is not a map");
            return;
        }
        for (Map.Entry<String, Object> e : asMap(section).entrySet()) {
            String where = "parameters/" + e.getKey();
            if (!(e.getValue() instanceof Map<?, ?>)) {
                c.problem(where, "is not a map");
                continue;
            }
            Map<String, Object> schema = asMap(e.getValue());
            for (String key : schema.keySet()) {
                if (!PARAMETER_KEYS.contains(key)) {
                    c.problem(where, "unknown key '" + key + "'");
                }
            }
            Object type = schema.get("type");
            if (!(type instanceof String t) || !PARAMETER_TYPES.contains(t)) {
                c.problem(where, "type '" + type + "' is not one of " + new TreeSet<>(PARAMETER_TYPES));
                continue;
            }
            if (schema.containsKey("default")) {
                String bad = defaultProblem(t, schema.get("default"));
                if (bad != null) {
                    c.problem(where, bad);
                }
            }
            Object hidden = schema.get("hidden");
            if (hidden != null && !(hidden instanceof Boolean)) {
                c.problem(where, "hidden must be true or false");
            }
            Object constraints = schema.get("constraints");
            if (constraints != null) {
                if (!(constraints instanceof List<?> list)) {
                    c.problem(where, "constraints is not a list");
                } else {
                    for (Object constraint : list) {
                        if (!(constraint instanceof Map<?, ?>)) {
                            c.problem(where, "a constraint is not a map");
                            continue;
                        }
                        Set<String> kinds = new TreeSet<>(asMap(constraint).keySet());
                        kinds.remove("description");
                        for (String key : asMap(constraint).keySet()) {
                            if (!CONSTRAINT_KEYS.contains(key)) {
                                c.problem(where, "unknown constraint '" + key + "'");
                            }
                        }
                        if (kinds.size() != 1) {
                            c.problem(where, "a constraint must have exactly one kind, has " + kinds);
                        }
                    }
                }
            }
        }
    }

    private static String defaultProblem(String type, Object value) {
        switch (type) {
            case "number":
                if (value instanceof Number) {
                    return null;
                }
                if (value instanceof String s) {
                    try {
                        Double.parseDouble(s.trim());
                        return null;
                    } catch (NumberFormatException e) {
                        return "default '" + s + "' is not a number";
                    }
                }
                return "default '" + value + "' is not a number";
            case "boolean":
                if (value instanceof Boolean) {
                    return null;
                }
                if (value instanceof String s && Set.of("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n",
                        "1", "0").contains(s.toLowerCase())) {
                    return null;
                }
                if (value instanceof Integer i && (i == 0 || i == 1)) {
                    return null;
                }
                return "default '" + value + "' is not a boolean";
            case "comma_delimited_list":
                return value instanceof List<?> || value instanceof String ? null
                        : "default '" + value + "' is not a list";
            case "string":
                return value instanceof Map<?, ?> || value instanceof List<?> ? "default is not a string" : null;
            default:
                return null;
        }
    }

    private static void checkParameterGroups(Context c) {
        Object groups = c.template.get("parameter_groups");
        if (groups == null) {
            return;
        }
        if (!(groups instanceof List<?> list)) {
            c.problem("parameter_groups", "is not a list");
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Object group : list) {
            if (!(group instanceof Map<?, ?>)) {
                c.problem("parameter_groups", "a group is not a map");
                continue;
            }
            Object names = asMap(group).get("parameters");
            if (!(names instanceof List<?> nameList)) {
                c.problem("parameter_groups", "a group has no parameters list");
                continue;
            }
            for (Object n : nameList) {
                if (!c.parameters.contains(String.valueOf(n))) {
                    c.problem("parameter_groups", "names undeclared parameter '" + n + "'");
                }
                if (!seen.add(String.valueOf(n))) {
                    c.problem("parameter_groups", "names parameter '" + n + "' twice");
                }
            }
        }
    }

    private static void checkConditions(Context c) {
        for (Map.Entry<String, Object> e : c.conditions.entrySet()) {
            checkConditionExpression(c, "conditions/" + e.getKey(), e.getValue(), true);
        }
    }

    /** A condition: a boolean, the name of a declared condition, or an expression of condition functions. */
    private static void checkConditionExpression(Context c, String where, Object expr, boolean nameAllowed) {
        if (expr instanceof Boolean) {
            return;
        }
        if (expr instanceof String s) {
            if (!nameAllowed || !c.conditions.containsKey(s)) {
                c.problem(where, "names undeclared condition '" + s + "'");
            }
            return;
        }
        if (!(expr instanceof Map<?, ?> m) || m.size() != 1) {
            c.problem(where, "a condition must be a boolean, a condition name or one condition function");
            return;
        }
        Map.Entry<String, Object> fn = asMap(m).entrySet().iterator().next();
        String f = fn.getKey();
        Object args = fn.getValue();
        String at = where + "/" + f;
        switch (f) {
            case "get_param" -> checkGetParam(c, at, args);
            case "equals" -> {
                if (!(args instanceof List<?> l) || l.size() != 2) {
                    c.problem(at, "takes a list of two values");
                } else {
                    for (Object value : l) {
                        checkConditionValue(c, at, value);
                    }
                }
            }
            case "not" -> checkConditionExpression(c, at, args, true);
            case "and", "or" -> {
                if (!(args instanceof List<?> l) || l.size() < 2) {
                    c.problem(at, "takes a list of at least two conditions");
                } else {
                    for (Object cond : l) {
                        checkConditionExpression(c, at, cond, true);
                    }
                }
            }
            default -> c.problem(at, "'" + f + "' is not a condition function " + new TreeSet<>(CONDITION_FUNCTIONS));
        }
    }

    /** A value compared by {@code equals}: plain data or {@code get_param}. */
    private static void checkConditionValue(Context c, String where, Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            String key = String.valueOf(m.keySet().iterator().next());
            if (key.equals("get_param")) {
                checkGetParam(c, where + "/get_param", m.get(key));
                return;
            }
            if (SUPPORTED_FUNCTIONS.containsKey(key) || UNSUPPORTED_FUNCTIONS.contains(key)) {
                c.problem(where, "'" + key + "' cannot be used inside a condition");
            }
        }
    }

    private static void checkResources(Context c) {
        Object section = c.template.get("resources");
        if (section == null) {
            return;
        }
        if (!(section instanceof Map<?, ?>)) {
            c.problem("resources", "is not a map");
            return;
        }
        for (Map.Entry<String, Object> e : asMap(section).entrySet()) {
            String where = "resources/" + e.getKey();
            if (!(e.getValue() instanceof Map<?, ?>)) {
                c.problem(where, "is not a map");
                continue;
            }
            Map<String, Object> resource = asMap(e.getValue());
            for (String key : resource.keySet()) {
                if (!RESOURCE_KEYS.contains(key)) {
                    c.problem(where, "unknown key '" + key + "'");
                }
            }
            if (resource.containsKey("condition") || resource.containsKey("external_id")) {
                if (!c.atLeast("2016-10-14")) {
                    c.problem(where, "condition and external_id need heat_template_version 2016-10-14");
                }
            }
            if (resource.containsKey("condition")) {
                checkConditionExpression(c, where + "/condition", resource.get("condition"), true);
            }
            Object type = resource.get("type");
            if (!(type instanceof String t) || t.isBlank()) {
                c.problem(where, "has no type");
            } else {
                checkType(c, where, t, resource.get("properties"));
                String groupProperty = GROUP_DEFINITION_PROPERTY.get(t);
                if (groupProperty != null && resource.get("properties") instanceof Map<?, ?> props
                        && props.get(groupProperty) instanceof Map<?, ?> def) {
                    Object memberType = def.get("type");
                    if (memberType instanceof String mt) {
                        checkType(c, where + "/properties/" + groupProperty, mt, def.get("properties"));
                    } else {
                        c.problem(where + "/properties/" + groupProperty, "has no type");
                    }
                }
            }
            Object dependsOn = resource.get("depends_on");
            if (dependsOn != null) {
                List<?> names = dependsOn instanceof List<?> l ? l : List.of(dependsOn);
                for (Object n : names) {
                    if (!(n instanceof String s) || !c.resources.contains(s)) {
                        c.problem(where + "/depends_on", "names unknown resource '" + n + "'");
                    } else if (s.equals(e.getKey())) {
                        c.problem(where + "/depends_on", "depends on itself");
                    }
                }
            }
            Object deletionPolicy = resource.get("deletion_policy");
            if (deletionPolicy != null && !Set.of("Delete", "Retain", "Snapshot", "delete", "retain", "snapshot")
                    .contains(String.valueOf(deletionPolicy))) {
                c.problem(where + "/deletion_policy", "'" + deletionPolicy + "' is not Delete, Retain or Snapshot");
            }
            String ownCondition = resource.get("condition") instanceof String s ? s : null;
            if (ownCondition != null) {
                c.guards.push(ownCondition);
            }
            try {
                if (dependsOn != null) {
                    for (Object n : dependsOn instanceof List<?> l ? l : List.of(dependsOn)) {
                        if (n instanceof String s) {
                            c.checkConditionalReference(where + "/depends_on", s);
                        }
                    }
                }
                for (String key : List.of("properties", "metadata", "update_policy", "description")) {
                    if (resource.containsKey(key)) {
                        walk(c, where + "/" + key, resource.get(key));
                    }
                }
            } finally {
                if (ownCondition != null) {
                    c.guards.pop();
                }
            }
        }
    }

    /** A nested template type must exist and accept the properties given to it. */
    private static void checkType(Context c, String where, String type, Object properties) {
        if (!type.endsWith(".yaml") && !type.endsWith(".yml") && !type.endsWith(".template")) {
            return;
        }
        if (type.contains("://")) {
            c.problem(where + "/type", "'" + type + "' is a URL; nested templates must ship beside the template");
            return;
        }
        Path nested = c.file.getParent().resolve(type).normalize();
        if (!Files.isRegularFile(nested)) {
            c.problem(where + "/type", "nested template '" + type + "' does not exist");
            return;
        }
        Map<String, Object> nestedTemplate;
        try {
            nestedTemplate = asMap(parse(read(nested)));
        } catch (RuntimeException e) {
            c.problem(where + "/type", "nested template '" + type + "' does not parse");
            return;
        }
        Map<String, Object> declared = section(nestedTemplate, "parameters");
        Map<String, Object> given = properties instanceof Map<?, ?> ? asMap(properties) : Map.of();
        for (String property : given.keySet()) {
            if (!declared.containsKey(property)) {
                c.problem(where + "/properties/" + property, "'" + type + "' declares no parameter '" + property
                        + "'");
            }
        }
        for (Map.Entry<String, Object> p : declared.entrySet()) {
            if (p.getValue() instanceof Map<?, ?> schema && !schema.containsKey("default")
                    && !given.containsKey(p.getKey())) {
                c.problem(where + "/properties", "'" + type + "' requires parameter '" + p.getKey()
                        + "', which is not given");
            }
        }
    }

    private static void checkOutputs(Context c) {
        Object section = c.template.get("outputs");
        if (section == null) {
            return;
        }
        if (!(section instanceof Map<?, ?>)) {
            c.problem("outputs", "is not a map");
            return;
        }
        for (Map.Entry<String, Object> e : asMap(section).entrySet()) {
            String where = "outputs/" + e.getKey();
            if (!(e.getValue() instanceof Map<?, ?>)) {
                c.problem(where, "is not a map");
                continue;
            }
            Map<String, Object> output = asMap(e.getValue());
            for (String key : output.keySet()) {
                if (!OUTPUT_KEYS.contains(key)) {
                    c.problem(where, "unknown key '" + key + "'");
                }
            }
            if (!output.containsKey("value") || output.get("value") == null) {
                c.problem(where, "has no value");
            }
            if (output.containsKey("condition")) {
                if (!c.atLeast("2016-10-14")) {
                    c.problem(where, "condition needs heat_template_version 2016-10-14");
                }
                checkConditionExpression(c, where + "/condition", output.get("condition"), true);
            }
            String ownCondition = output.get("condition") instanceof String s ? s : null;
            if (ownCondition != null) {
                c.guards.push(ownCondition);
            }
            try {
                walk(c, where + "/value", output.get("value"));
            } finally {
                if (ownCondition != null) {
                    c.guards.pop();
                }
            }
        }
    }

    // ------------------------------------------------------------------ intrinsic functions

    /** Checks every intrinsic function call in a properties/metadata/output value. */
    private static void walk(Context c, String where, Object node) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(c, where + "/" + i, list.get(i));
            }
            return;
        }
        if (!(node instanceof Map<?, ?> m)) {
            return;
        }
        Map<String, Object> map = asMap(m);
        if (map.size() == 1) {
            String key = map.keySet().iterator().next();
            Object args = map.get(key);
            String at = where + "/" + key;
            if (SUPPORTED_FUNCTIONS.containsKey(key)) {
                if (!c.atLeast(SUPPORTED_FUNCTIONS.get(key))) {
                    c.problem(at, "'" + key + "' needs heat_template_version " + SUPPORTED_FUNCTIONS.get(key));
                }
                checkFunction(c, at, key, args);
                return;
            }
            if (UNSUPPORTED_FUNCTIONS.contains(key)) {
                c.problem(at, "'" + key + "' is not a supported function " + SUPPORTED_FUNCTIONS.keySet());
                walk(c, at, args);
                return;
            }
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            walk(c, where + "/" + e.getKey(), e.getValue());
        }
    }

    private static void checkFunction(Context c, String at, String fn, Object args) {
        switch (fn) {
            case "get_param" -> {
                checkGetParam(c, at, args);
                if (args instanceof List<?> l) {
                    l.stream().skip(1).forEach(a -> walk(c, at, a));
                }
            }
            case "get_resource" -> {
                if (args instanceof String s) {
                    if (!c.resources.contains(s)) {
                        c.problem(at, "names unknown resource '" + s + "'");
                    } else {
                        c.checkConditionalReference(at, s);
                    }
                } else {
                    c.problem(at, "takes a resource name");
                }
            }
            case "get_attr" -> {
                // [resource] alone (all attributes) is HOT from 2015-10-15 on
                int least = c.atLeast("2015-10-15") ? 1 : 2;
                if (!(args instanceof List<?> l) || l.size() < least) {
                    c.problem(at, "takes [resource, attribute, path...]");
                } else {
                    if (!(l.get(0) instanceof String s) || !c.resources.contains(s)) {
                        c.problem(at, "names unknown resource '" + l.get(0) + "'");
                    } else {
                        c.checkConditionalReference(at, s);
                        checkNestedAttribute(c, at, s, l);
                    }
                    l.stream().skip(1).forEach(a -> walk(c, at, a));
                }
            }
            case "get_file" -> {
                if (!(args instanceof String s)) {
                    c.problem(at, "takes a file path");
                } else if (s.contains("://")) {
                    c.problem(at, "'" + s + "' is a URL; files must ship beside the template");
                } else if (!Files.isRegularFile(c.file.getParent().resolve(s).normalize())) {
                    c.problem(at, "file '" + s + "' does not exist beside " + c.name);
                }
            }
            case "str_replace" -> {
                if (!(args instanceof Map<?, ?> m) || !m.containsKey("template") || !m.containsKey("params")) {
                    c.problem(at, "takes {template: ..., params: {...}}");
                    walk(c, at, args);
                } else {
                    Object params = m.get("params");
                    if (!(params instanceof Map<?, ?>) && !isFunction(params)) {
                        c.problem(at + "/params", "is not a map");
                    }
                    walk(c, at + "/template", m.get("template"));
                    walk(c, at + "/params", params);
                }
            }
            case "if" -> {
                if (!(args instanceof List<?> l) || l.size() != 3) {
                    c.problem(at, "takes [condition, value_if_true, value_if_false]");
                } else {
                    checkConditionExpression(c, at + "/0", l.get(0), true);
                    String guard = l.get(0) instanceof String s ? s : null;
                    if (guard != null) {
                        c.guards.push(guard);
                    }
                    try {
                        walk(c, at + "/1", l.get(1));
                    } finally {
                        if (guard != null) {
                            c.guards.pop();
                        }
                    }
                    walk(c, at + "/2", l.get(2));
                }
            }
            case "list_join" -> {
                if (!(args instanceof List<?> l) || l.size() < 2 || !(l.get(0) instanceof String)) {
                    c.problem(at, "takes [delimiter, list...]");
                }
                walk(c, at, args);
            }
            case "str_split" -> {
                if (!(args instanceof List<?> l) || l.size() < 2 || l.size() > 3) {
                    c.problem(at, "takes [delimiter, string, index?]");
                }
                walk(c, at, args);
            }
            case "digest" -> {
                if (!(args instanceof List<?> l) || l.size() != 2) {
                    c.problem(at, "takes [algorithm, value]");
                }
                walk(c, at, args);
            }
            case "repeat" -> {
                if (!(args instanceof Map<?, ?> m) || !m.containsKey("template") || !m.containsKey("for_each")) {
                    c.problem(at, "takes {template: ..., for_each: {...}}");
                }
                walk(c, at, args);
            }
            case "map_merge" -> {
                if (!(args instanceof List<?>)) {
                    c.problem(at, "takes a list of maps");
                }
                walk(c, at, args);
            }
            default -> walk(c, at, args);
        }
    }

    /** Group attributes of OS::Heat::ResourceGroup (and AutoScalingGroup) besides its members' outputs. */
    private static final Set<String> GROUP_ATTRIBUTES = Set.of(
            "refs", "refs_map", "attributes", "removed_rsrc_list", "outputs", "outputs_list", "current_size");

    /**
     * get_attr of a nested-template resource, or of a group of them, must name an output of the nested template
     * (a group also has its own attributes, and {@code resource.N} / {@code resource.N.output} forms).
     */
    private static void checkNestedAttribute(Context c, String at, String resource, List<?> args) {
        if (args.size() < 2 || !(section(c.template, "resources").get(resource) instanceof Map<?, ?> definition)
                || !(args.get(1) instanceof String attribute)) {
            return;
        }
        Object type = definition.get("type");
        String nestedType = null;
        boolean group = false;
        if (type instanceof String t && (t.endsWith(".yaml") || t.endsWith(".yml") || t.endsWith(".template"))) {
            nestedType = t;
        } else if (type instanceof String t && GROUP_DEFINITION_PROPERTY.containsKey(t)
                && definition.get("properties") instanceof Map<?, ?> props
                && props.get(GROUP_DEFINITION_PROPERTY.get(t)) instanceof Map<?, ?> def
                && def.get("type") instanceof String mt
                && (mt.endsWith(".yaml") || mt.endsWith(".yml") || mt.endsWith(".template"))) {
            nestedType = mt;
            group = true;
        }
        if (nestedType == null) {
            return;
        }
        Path nested = c.file.getParent().resolve(nestedType).normalize();
        if (!Files.isRegularFile(nested)) {
            return; // reported by checkType
        }
        Set<String> outputs;
        try {
            outputs = section(asMap(parse(read(nested))), "outputs").keySet();
        } catch (RuntimeException e) {
            return; // reported by checkType
        }
        String output = attribute;
        if (group) {
            if (GROUP_ATTRIBUTES.contains(attribute)) {
                return;
            }
            if (attribute.matches("resource\\.[^.]+")) {
                if (args.size() < 3 || !(args.get(2) instanceof String member)) {
                    return;
                }
                output = member;
            } else if (attribute.matches("resource\\.[^.]+\\..+")) {
                output = attribute.substring(attribute.indexOf('.', "resource.".length()) + 1);
            }
        }
        if (!outputs.contains(output) && !output.equals("OS::stack_id")) {
            c.problem(at, "'" + nestedType + "' has no output '" + output + "'");
        }
    }

    private static void checkGetParam(Context c, String at, Object args) {
        Object name = args instanceof List<?> l && !l.isEmpty() ? l.get(0) : args;
        if (isFunction(name)) {
            walk(c, at, name);
            return;
        }
        if (!(name instanceof String s)) {
            c.problem(at, "takes a parameter name");
        } else if (!c.parameters.contains(s) && !PSEUDO_PARAMETERS.contains(s)) {
            c.problem(at, "names undeclared parameter '" + s + "'");
        }
    }

    private static boolean isFunction(Object node) {
        if (node instanceof Map<?, ?> m && m.size() == 1) {
            String key = String.valueOf(m.keySet().iterator().next());
            return SUPPORTED_FUNCTIONS.containsKey(key) || UNSUPPORTED_FUNCTIONS.contains(key);
        }
        return false;
    }

    private static void collectFunctionArgs(Object node, String fn, Set<String> into) {
        if (node instanceof List<?> list) {
            list.forEach(n -> collectFunctionArgs(n, fn, into));
        } else if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey(fn) && m.get(fn) instanceof String s) {
                into.add(s);
                return;
            }
            m.values().forEach(v -> collectFunctionArgs(v, fn, into));
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** What one template check knows about its template. */
    private static final class Context {
        final Path file;
        final String name;
        final Map<String, Object> template;
        final List<String> problems;
        final Set<String> parameters;
        final Set<String> resources;
        final Map<String, Object> conditions;
        /** resource name -> the condition it is created under, for conditional resources */
        final Map<String, String> conditionalResources = new LinkedHashMap<>();
        /** conditions known to hold where the walk is: the current resource's, and enclosing if branches' */
        final Deque<String> guards = new ArrayDeque<>();
        final int version;

        Context(Path file, String name, Map<String, Object> template, List<String> problems) {
            this.file = file;
            this.name = name;
            this.template = template;
            this.problems = problems;
            this.parameters = section(template, "parameters").keySet();
            this.resources = section(template, "resources").keySet();
            this.conditions = section(template, "conditions");
            this.version = SUPPORTED_VERSIONS.indexOf(String.valueOf(template.get("heat_template_version")));
            section(template, "resources").forEach((resource, definition) -> {
                if (definition instanceof Map<?, ?> d && d.get("condition") instanceof String cond) {
                    conditionalResources.put(resource, cond);
                }
            });
        }

        /**
         * Real Heat (Newton) drops a resource whose condition is false from the stack, and a get_resource,
         * get_attr or depends_on naming it then fails: such a reference must sit where that condition holds.
         */
        void checkConditionalReference(String where, String resource) {
            String cond = conditionalResources.get(resource);
            if (cond != null && !guards.contains(cond)) {
                problem(where, "refers to '" + resource + "', which exists only when condition '" + cond
                        + "' holds; guard the reference with {if: [" + cond + ", ..., ...]}");
            }
        }

        boolean atLeast(String required) {
            return version >= SUPPORTED_VERSIONS.indexOf(required);
        }

        void problem(String where, String what) {
            problems.add(name + (where.isEmpty() ? "" : ": " + where) + ": " + what);
        }
    }

    /** Keeps YAML timestamps as strings, as Heat's template loader does. */
    private static final class HeatConstructor extends SafeConstructor {
        HeatConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }

    private static Map<String, Object> section(Map<String, Object> template, String name) {
        Object section = template.get(name);
        return section instanceof Map<?, ?> ? asMap(section) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a YAML map");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) o).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classpath directory as a Path, in the default file system or inside a jar; null if absent. */
    private static Path directory(String dir) {
        String resource = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        URL url = TemplateChecks.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath(resource);
            }
            Path path = Path.of(uri);
            return Files.isDirectory(path) ? path : null;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open classpath directory " + dir, e);
        }
    }
}
