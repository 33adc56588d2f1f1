package io.magnum.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assertions and accessors shared by the per-bay template tests ({@link KubernetesTemplateTest},
 * {@link SwarmTemplateTest}, {@link MesosTemplateTest}). Unlike {@link TemplateChecks}, which depends on SnakeYAML
 * only, these helpers assert with AssertJ.
 */
final class TemplateTestSupport {

    /** A shell variable read: {@code $NAME} or {@code ${NAME...}}, not escaped. */
    static final Pattern SHELL_READ = Pattern.compile("(?<!\\\\)\\$\\{?([A-Z][A-Z0-9_]*)");

    /** A shell variable assigned ({@code NAME=}, {@code local NAME=}, {@code export NAME=}) or a loop variable. */
    static final Pattern SHELL_ASSIGNED = Pattern.compile("(?m)(?:^|[\\s;(])(?:local\\s+|export\\s+)?"
            + "([A-Z][A-Z0-9_]*)=|\\bfor\\s+([A-Z][A-Z0-9_]*)\\s+in\\b");

    /** A variable a write-heat-params script writes: {@code NAME='...'} at the start of a line. */
    static final Pattern HEAT_PARAMS_WRITTEN = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)='");

    /** A placeholder a write-heat-params script quotes: {@code '$NAME'}. */
    static final Pattern QUOTED_PLACEHOLDER = Pattern.compile("'(\\$[A-Z][A-Z0-9_]*)'");

    private TemplateTestSupport() {
    }

    // ------------------------------------------------------------------ template accessors

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    /** A top-level section of a template ({@code parameters}, {@code resources}, {@code outputs}, ...). */
    static Map<String, Object> section(String dir, String template, String name) {
        return map(TemplateChecks.load(dir, template).get(name));
    }

    static Map<String, Object> properties(Map<String, Object> resources, String name) {
        assertThat(resources).containsKey(name);
        return map(map(resources.get(name)).get("properties"));
    }

    static Object value(Map<String, Object> outputs, String name) {
        return map(outputs.get(name)).get("value");
    }

    static String type(Map<String, Object> params, String name) {
        return String.valueOf(map(params.get(name)).get("type"));
    }

    static List<Object> constraints(Map<String, Object> params, String name) {
        Object constraints = map(params.get(name)).get("constraints");
        return constraints instanceof List<?> l ? new ArrayList<Object>(l) : List.of();
    }

    static void assertDefault(Map<String, Object> params, String name, Object expected) {
        assertThat(params).containsKey(name);
        assertThat(map(params.get(name)).get("default")).as(name + " default").isEqualTo(expected);
    }

    /**
     * Asserts what every bay's main template shares with Magnum's other bay definitions: the defaults of the
     * flavors, the counts, the fixed network, the DNS server, the wait condition timeout and the proxy and trustee
     * parameters; the trust secrets hidden; the custom constraints of the key pair, image, flavors and network.
     * {@code nodeFlavor} and {@code nodeCount} name the bay's own parameters for its worker nodes.
     */
    static void assertMagnumParameterConventions(Map<String, Object> params, String nodeFlavor, String nodeCount) {
        assertDefault(params, "master_flavor", "m1.small");
        assertDefault(params, nodeFlavor, "m1.small");
        assertDefault(params, "dns_nameserver", "8.8.8.8");
        assertDefault(params, "number_of_masters", 1);
        assertDefault(params, nodeCount, 1);
        assertDefault(params, "fixed_network_cidr", "10.0.0.0/24");
        assertDefault(params, "wait_condition_timeout", 6000);
        for (String empty : List.of("http_proxy", "https_proxy", "no_proxy", "trustee_domain_id", "trustee_user_id",
                "trustee_username", "trustee_password", "trust_id")) {
            assertDefault(params, empty, "");
        }
        assertHidden(params, List.of("trustee_password", "trust_id"));
        assertThat(constraints(params, "ssh_key_name")).contains(Map.of("custom_constraint", "nova.keypair"));
        assertThat(constraints(params, "server_image")).contains(Map.of("custom_constraint", "glance.image"));
        assertThat(constraints(params, "master_flavor")).contains(Map.of("custom_constraint", "nova.flavor"));
        assertThat(constraints(params, nodeFlavor)).contains(Map.of("custom_constraint", "nova.flavor"));
        assertThat(constraints(params, "external_network")).contains(Map.of("custom_constraint", "neutron.network"));
    }

    /** Asserts that each of {@code names} is marked {@code hidden: true}. */
    static void assertHidden(Map<String, Object> params, List<String> names) {
        for (String hidden : names) {
            assertThat(map(params.get(hidden)).get("hidden")).as(hidden + " is hidden").isEqualTo(true);
        }
    }

    /** Asserts that each of {@code names} (parameters or outputs) has a description. */
    static void assertDescribed(Map<String, Object> section, Iterable<String> names) {
        for (String name : names) {
            assertThat(map(section.get(name)).get("description")).as(name + " has a description").isNotNull();
        }
    }

    /** How many resources there are of each type. */
    static Map<String, Long> typeCounts(Map<String, Object> resources) {
        Map<String, Long> types = new LinkedHashMap<>();
        resources.values().forEach(r -> types.merge(String.valueOf(map(r).get("type")), 1L, Long::sum));
        return types;
    }

    /** For each resource type, the name of the first resource of that type. */
    static Map<String, String> firstOfEachType(Map<String, Object> resources) {
        Map<String, String> byType = new LinkedHashMap<>();
        resources.forEach((name, r) -> byType.putIfAbsent(String.valueOf(map(r).get("type")), name));
        return byType;
    }

    /** The names of the OS::Heat::SoftwareConfig resources. */
    static Set<String> softwareConfigs(Map<String, Object> resources) {
        Set<String> softwareConfigs = new TreeSet<>();
        resources.forEach((name, r) -> {
            if ("OS::Heat::SoftwareConfig".equals(map(r).get("type"))) {
                softwareConfigs.add(name);
            }
        });
        return softwareConfigs;
    }

    /** The resource each part of a multipart message takes its config from, in order. */
    static List<Object> partConfigs(Map<String, Object> resources, String multipart) {
        List<Object> partConfigs = new ArrayList<>();
        list(properties(resources, multipart).get("parts"))
                .forEach(p -> partConfigs.add(map(map(p).get("config")).get("get_resource")));
        return partConfigs;
    }

    /** The lowest port of each rule of a security group. */
    static Set<Object> rulePorts(Map<String, Object> resources, String group) {
        Set<Object> ports = new LinkedHashSet<>();
        for (Object rule : (List<?>) properties(resources, group).get("rules")) {
            Object min = map(rule).get("port_range_min");
            if (min != null) {
                ports.add(min);
            }
        }
        return ports;
    }

    /** Every str_replace whose template is a get_file. */
    static List<Map<String, Object>> fileReplacements(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof List<?> list) {
            list.forEach(n -> found.addAll(fileReplacements(n)));
        } else if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("str_replace") instanceof Map<?, ?> replace
                    && replace.get("template") instanceof Map<?, ?> t && t.containsKey("get_file")) {
                found.add(map(replace));
            }
            m.values().forEach(v -> found.addAll(fileReplacements(v)));
        }
        return found;
    }

    /** The placeholders of every get_file str_replace in a template, without their {@code $}. */
    static Set<String> replacedNames(String dir, String template) {
        Set<String> replaced = new TreeSet<>();
        fileReplacements(TemplateChecks.load(dir, template)).forEach(r -> map(r.get("params")).keySet()
                .forEach(k -> replaced.add(k.replace("$", ""))));
        return replaced;
    }

    /** The parameters a template reads with get_param (outside a nested {@code parameters} section). */
    static Set<String> getParams(Object node) {
        Set<String> used = new TreeSet<>();
        collectGetParams(node, used);
        return used;
    }

    private static void collectGetParams(Object node, Set<String> into) {
        if (node instanceof List<?> list) {
            list.forEach(n -> collectGetParams(n, into));
        } else if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("get_param")) {
                Object arg = m.get("get_param");
                into.add(String.valueOf(arg instanceof List<?> l ? l.get(0) : arg));
            }
            m.forEach((k, v) -> {
                if (!"parameters".equals(k)) {
                    collectGetParams(v, into);
                }
            });
        }
    }

    /** Asserts that each template reads every parameter it declares. */
    static void assertUsesAllItsParameters(String dir, List<String> templates) {
        for (String template : templates) {
            assertThat(getParams(TemplateChecks.load(dir, template))).as(template + " uses all its parameters")
                    .containsAll(TemplateChecks.parameters(dir, template));
        }
    }

    /** The parameters a template declares but does not read. */
    static Set<String> unusedParameters(String dir, String template) {
        Set<String> unused = new TreeSet<>(TemplateChecks.parameters(dir, template));
        unused.removeAll(getParams(TemplateChecks.load(dir, template)));
        return unused;
    }

    // ------------------------------------------------------------------ fragments and placeholders

    /** Every file the templates reference, in order of first reference. */
    static Set<String> referencedFiles(String dir, List<String> templates) {
        Set<String> fragments = new LinkedHashSet<>();
        for (String template : templates) {
            fragments.addAll(TemplateChecks.referencedFiles(dir, template));
        }
        return fragments;
    }

    /** Every file in the fragments directory, as {@code fragments/<name>}. */
    static Set<String> presentFragments(String dir) throws IOException {
        Set<String> present = new TreeSet<>();
        try (var files = Files.list(TemplateChecks.path(dir, "fragments"))) {
            files.forEach(f -> present.add("fragments/" + f.getFileName()));
        }
        return present;
    }

    /** Asserts that each fragment starts with a {@code #!/bin/bash} line and passes {@code bash -n}. */
    static void assertBashFragments(String dir, Set<String> fragments) throws IOException, InterruptedException {
        for (String fragment : fragments) {
            Path file = TemplateChecks.path(dir, fragment);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(fragment + " starts with a bash shebang").startsWith("#!/bin/bash\n");
            assertThat(bashSyntaxErrors(file)).as(fragment + " passes bash -n").isEmpty();
        }
    }

    /**
     * Asserts that every placeholder of a str_replace appears in its file, and that no placeholder hides another:
     * none is a prefix of another ({@code anywhere} false) or part of another ({@code anywhere} true).
     */
    static void assertPlaceholdersAppearAndNoneHidesAnother(String template, String file, String text,
            Set<String> keys, boolean anywhere) {
        for (String key : keys) {
            assertThat(text).as(template + ": " + key + " appears in " + file).contains(key);
            for (String other : keys) {
                if (anywhere) {
                    assertThat(!other.equals(key) && other.contains(key))
                            .as(template + ": placeholder " + key + " is part of " + other).isFalse();
                } else {
                    assertThat(!other.equals(key) && other.startsWith(key))
                            .as(template + ": placeholder " + key + " is a prefix of " + other).isFalse();
                }
            }
        }
    }

    /** Asserts that {@code placeholder} appears exactly once in the wait condition notify script. */
    static void assertAppearsOnce(String dir, String fragment, String placeholder) {
        String notify = TemplateChecks.readText(dir, fragment);
        assertThat(notify.split(Pattern.quote(placeholder), -1)).as("the curl_cli placeholder appears once")
                .hasSize(2);
    }

    /** The variables a shell script reads (outside comments) and does not assign itself. */
    static Set<String> variablesRead(String text) {
        Set<String> used = names(SHELL_READ, text.replaceAll("(?m)^\\s*#.*$", ""));
        used.removeAll(names(SHELL_ASSIGNED, text));
        return used;
    }

    /** Every non-null group of every match of {@code pattern} in {@code text}. */
    static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    names.add(m.group(g));
                }
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ rendering and running

    /** Heat's str_replace: placeholders longest first; replaced text is not searched again. */
    static String strReplace(String template, Map<String, String> params) {
        List<String> keys = new ArrayList<>(new TreeSet<>(params.keySet()));
        keys.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return replace(template, keys, params);
    }

    private static String replace(String text, List<String> keys, Map<String, String> params) {
        if (keys.isEmpty()) {
            return text;
        }
        List<String> rest = keys.subList(1, keys.size());
        List<String> done = new ArrayList<>();
        for (String piece : text.split(Pattern.quote(keys.get(0)), -1)) {
            done.add(replace(piece, rest, params));
        }
        return String.join(params.get(keys.get(0)), done);
    }

    /** Runs a command; returns "exit code:" followed by its output (standard error merged in). */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return process.exitValue() + ":" + output;
    }

    /** What {@code bash -n} reports for a file: empty when it parses. */
    static List<String> bashSyntaxErrors(Path file) throws IOException, InterruptedException {
        String result = run(List.of("/bin/bash", "-n", file.toString()));
        return result.startsWith("0:") ? List.of() : List.of(result);
    }

    // ------------------------------------------------------------------ broken copies

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * For each breakage (name -> {file, text to find, replacement, a problem the checks must then report}), copies
     * the templates under {@code dir} to {@code tmp/<name>}, breaks the copy and asserts that
     * {@link TemplateChecks#check(Path, String)} reports the problem.
     */
    static void assertBrokenCopiesReported(String dir, String main, Map<String, String[]> breakages, Path tmp)
            throws IOException {
        Path source = TemplateChecks.path(dir, ".");
        for (Map.Entry<String, String[]> b : breakages.entrySet()) {
            Path copy = tmp.resolve(b.getKey());
            copyTree(source, copy);
            String[] how = b.getValue();
            Path file = copy.resolve(how[0]);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(b.getKey() + ": the text to break is there").contains(how[1]);
            Files.writeString(file, text.replace(how[1], how[2]), StandardCharsets.UTF_8);
            assertThat(TemplateChecks.check(copy, main)).as(b.getKey())
                    .anySatisfy(problem -> assertThat(problem).contains(how[3]));
        }
    }
}
