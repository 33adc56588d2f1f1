package io.magnum.openstack.it;

import io.magnum.spi.BayModelView;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.StackContext;
import io.magnum.spi.TemplateDefinition;
import io.magnum.templates.HeatTemplates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HOT template of {@code heat-templates/} passes the real Heat's validation ({@code POST /v1/{project}/validate})
 * with its files, the parameters the real drivers compute for the seed's baymodels, and an environment that maps
 * only the resource types this machine's Heat cannot offer (no Nova, Neutron or Cinder here) to stand-ins
 * ({@code stand-ins.yaml}, which says why).
 *
 * <p>Heat validates a template's nested templates only when it creates them, so each nested template
 * ({@code kubeminion.yaml}, {@code swarmnode.yaml}, ...) is validated on its own too, with the driver's value for each
 * parameter it shares with the main template and a plain value of the right type for the others.
 */
@Tag("integration")
@Tag("openstack")
class TemplateValidationIT
{
    private static final Map<String, String> MAIN = Map.of("kubernetes", "kubecluster.yaml", "swarm", "swarmcluster.yaml",
            "mesos", "mesoscluster.yaml");

    private static HeatRest heat;
    private static Map<String, Object> standIns;

    @BeforeAll
    static void login()
    {
        heat = HeatRest.login(RealOpenStack.environment());
        standIns = load("stand-ins.yaml");
    }

    /** The seed's baymodel of each COE, in two variants: TLS with a docker volume, and neither. */
    static Stream<Arguments> definitions()
    {
        List<Arguments> cases = new ArrayList<>();
        for (String coe : List.of("kubernetes", "swarm", "mesos")) {
            for (boolean plain : List.of(false, true)) {
                String distro = coe.equals("mesos") ? "ubuntu" : "fedora-atomic";
                String image = coe.equals("mesos") ? "ubuntu-mesos" : "fedora-21-atomic-5";
                String network = coe.equals("kubernetes") ? "flannel" : "docker";
                BayModelView model = new BayModelView(coe, "vm", distro, image, network,
                        plain ? Optional.empty() : Optional.of(5), plain, Map.of(), "testkey", "public",
                        Optional.of("m1.small"), Optional.of("m1.small"), "8.8.8.8", Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), false);
                cases.add(Arguments.of(coe, plain ? "tls off, no volume" : "tls on, docker volume 5", model));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("definitions")
    void everyTemplateOfTheCoeValidates(String coe, String variant, BayModelView model)
    {
        CoeDriver driver = driverFor(model);
        BayView bay = new BayView("6f1a1b0e-3f5c-4b2e-9d1a-1c2b3d4e5f60", coe + "bay", 2, 1, "", "admin");
        StackContext context = new StackContext("http://127.0.0.1:9511/v1", RealOpenStack.environment().get("OS_AUTH_URL"),
                "0123456789abcdef", "admin", "admin");
        TemplateDefinition definition = driver.templateDefinition(model, bay, context);
        assertThat(definition.template()).isEqualTo(definition.files().get(MAIN.get(coe)));

        List<String> templates = templatesOf(definition.files());
        assertThat(templates).contains(MAIN.get(coe));
        for (String name : templates) {
            String text = definition.files().get(name);
            Map<String, String> parameters = name.equals(MAIN.get(coe)) ? definition.parameters()
                    : parametersFor(text, definition.parameters());
            HeatRest.Answer answer = heat.validate(text, definition.files(), parameters, standIns);
            assertThat(answer.status()).as("%s %s: %s", coe, name, answer.body()).isEqualTo(200);
            assertThat(answer.body().has("Error")).as("%s %s: %s", coe, name, answer.body()).isFalse();
            // Heat answers with the parameters it read: all of the template's
            Set<String> read = new TreeSet<>();
            answer.body().path("Parameters").fieldNames().forEachRemaining(read::add);
            assertThat(read)
                    .as("%s %s parameters", coe, name).isEqualTo(declaredParameters(text).keySet());
        }
    }

    @Test
    void theStandInsAreExactlyTheTypesUsedThatThisHeatCannotOffer()
    {
        Set<String> used = new TreeSet<>();
        for (String coe : MAIN.keySet()) {
            Map<String, String> files = HeatTemplates.load(coe);
            for (String name : templatesOf(files)) {
                used.addAll(resourceTypes(files.get(name)));
            }
        }
        HeatRest.Answer types = heat.send("GET", "/resource_types", Map.of(), null);
        assertThat(types.status()).isEqualTo(200);
        Set<String> offered = new TreeSet<>();
        types.body().path("resource_types").forEach(t -> offered.add(t.asText()));
        assertThat(offered).contains("OS::Heat::None", "OS::Heat::ResourceGroup", "OS::Heat::SoftwareConfig");

        Set<String> unavailable = new TreeSet<>(used);
        unavailable.removeAll(offered);
        unavailable.removeIf(type -> type.endsWith(".yaml")); // nested templates, given as files
        @SuppressWarnings("unchecked")
        Map<String, String> registry = (Map<String, String>) standIns.get("resource_registry");
        assertThat(new TreeSet<>(registry.keySet())).as("stand-ins = types used - types offered").isEqualTo(unavailable);
        assertThat(registry.values()).containsOnly("OS::Heat::None");

        // and the real Heat says why, for each: its service is not in the catalog
        for (String type : registry.keySet()) {
            String template = "heat_template_version: 2016-10-14\nresources:\n  r: {type: \"" + type + "\"}\n";
            HeatRest.Answer answer = heat.validate(template, Map.of(), Map.of(), null);
            assertThat(answer.status()).as(type).isEqualTo(400);
            assertThat(answer.body().path("error").path("type").asText()).as(type).isEqualTo("ResourceTypeUnavailable");
            assertThat(answer.message()).as(type).startsWith("HEAT-E99001 Service ").contains(type);
        }
    }

    @Test
    void withoutTheStandInsTheRealHeatRefusesTheTemplatesAndSaysWhy()
    {
        BayModelView model = (BayModelView) definitions().findFirst().orElseThrow().get()[2];
        TemplateDefinition definition = driverFor(model).templateDefinition(model,
                new BayView("6f1a1b0e-3f5c-4b2e-9d1a-1c2b3d4e5f60", "k8sbay", 1, 1, "", "admin"),
                new StackContext("http://127.0.0.1:9511/v1", "http://127.0.0.1:5000/v3", "t", "admin", "admin"));
        HeatRest.Answer answer = heat.validate(definition.template(), definition.files(), definition.parameters(), null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("is not available for resource type OS::Neutron::");
    }

    @Test
    void aBrokenTemplateFailsTheRealValidationSoThisTestCanFail()
    {
        Map<String, String> files = new LinkedHashMap<>(HeatTemplates.load("kubernetes"));
        // an output naming a resource the template does not have (what the real Heat checks: references, property
        // names of the types it offers, functions' arguments; not a stand-in's properties, nor get_param's names)
        String broken = files.get("kubeminion.yaml").replace("get_attr: [kube_minion_eth0,", "get_attr: [kube_minion_eth9,");
        assertThat(broken).isNotEqualTo(files.get("kubeminion.yaml"));
        HeatRest.Answer answer = heat.validate(broken, files, parametersFor(broken, Map.of()), standIns);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("kube_minion_eth9").contains("is incorrect");
    }

    // ---------------------------------------------------------------- helpers

    private static CoeDriver driverFor(BayModelView model)
    {
        for (CoeDriver driver : ServiceLoader.load(CoeDriver.class)) {
            if (driver.provides().stream().anyMatch(k -> k.coe().equals(model.coe()) && k.osDistro().equals(model.clusterDistro()))) {
                return driver;
            }
        }
        throw new AssertionError("no driver on the class path for " + model.coe());
    }

    /** The HOT templates among a COE's files (fragments are scripts and cloud-config, not templates). */
    private static List<String> templatesOf(Map<String, String> files)
    {
        return files.keySet().stream().filter(name -> name.endsWith(".yaml") && !name.startsWith("fragments/"))
                .filter(name -> parse(files.get(name)).containsKey("heat_template_version")).sorted().toList();
    }

    /**
     * Values for a nested template's parameters: the driver's where the names match; for the others without a default,
     * a value of the declared type (Heat's validation reads values only for conditions).
     */
    private static Map<String, String> parametersFor(String template, Map<String, String> driverParameters)
    {
        Map<String, String> values = new LinkedHashMap<>();
        declaredParameters(template).forEach((name, spec) -> {
            if (driverParameters.containsKey(name)) {
                values.put(name, driverParameters.get(name));
            }
            else if (!spec.containsKey("default")) {
                values.put(name, switch (String.valueOf(spec.get("type"))) {
                    case "number" -> "1";
                    case "boolean" -> "false";
                    case "comma_delimited_list" -> "a,b";
                    case "json" -> "{}";
                    default -> "sample";
                });
            }
        });
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> declaredParameters(String template)
    {
        Map<String, Map<String, Object>> declared = new java.util.TreeMap<>();
        Object parameters = parse(template).get("parameters");
        if (parameters instanceof Map<?, ?> map) {
            map.forEach((k, v) -> declared.put(String.valueOf(k), v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
        }
        return declared;
    }

    private static Set<String> resourceTypes(String template)
    {
        Set<String> types = new TreeSet<>();
        Object resources = parse(template).get("resources");
        if (resources instanceof Map<?, ?> map) {
            for (Object resource : map.values()) {
                if (resource instanceof Map<?, ?> r && r.get("type") instanceof String type) {
                    types.add(type);
                    if (r.get("properties") instanceof Map<?, ?> p && p.get("resource_def") instanceof Map<?, ?> def
                            && def.get("type") instanceof String member) {
                        types.add(member);
                    }
                }
            }
        }
        return types;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml)
    {
        // HOT dates (heat_template_version: 2015-04-30) stay text, as Heat reads them
        LoaderOptions options = new LoaderOptions();
        Object parsed = new Yaml(new SafeConstructor(options) {
            {
                yamlConstructors.put(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP, yamlConstructors.get(org.yaml.snakeyaml.nodes.Tag.STR));
            }
        }).load(yaml);
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Map<String, Object> load(String resource)
    {
        try (InputStream in = TemplateValidationIT.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
