package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.PatchOperation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random malformed specs and patches thrown at the facade: each one is refused with the typed invalid-input error
 * and the database is left as it was.
 */
class MalformedInputPropertiesTest
{
    private Magnum magnum;
    private List<BayModel> snapshot;

    @BeforeProperty
    void start()
    {
        magnum = Fixtures.builder().build();
        magnum.bayModels().create(Fixtures.seedSpec().build());
        magnum.bayModels().create(Fixtures.seedSpec().name("swarmbaymodel").coe("swarm").networkDriver("docker").build());
        snapshot = magnum.bayModels().list();
    }

    @AfterProperty
    void stop()
    {
        magnum.close();
    }

    @Property(tries = 1000)
    void malformedSpecsAreRefusedAndChangeNothing(@ForAll("malformedSpecs") Map<String, Object> attributes)
    {
        assertThatThrownBy(() -> magnum.bayModels().create(BayModelSpec.fromAttributes(attributes)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).isNotEmpty());
        assertThat(magnum.bayModels().list()).isEqualTo(snapshot);
    }

    @Property(tries = 1000)
    void malformedPatchesAreRefusedAndChangeNothing(@ForAll("malformedPatches") List<PatchOperation> patch,
            @ForAll("targets") String target)
    {
        assertThatThrownBy(() -> magnum.bayModels().update(target, patch))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).isNotEmpty());
        assertThat(magnum.bayModels().list()).isEqualTo(snapshot);
    }

    @Provide
    Arbitrary<String> targets()
    {
        return Arbitraries.of("k8sbaymodel", "swarmbaymodel");
    }

    /** One way of breaking a spec; each is a rule violation whatever the noise. */
    enum SpecBreak
    {
        DROP_COE, DROP_IMAGE, DROP_KEYPAIR, DROP_NETWORK, UNKNOWN_COE, UNKNOWN_IMAGE, UNKNOWN_KEYPAIR, UNKNOWN_NETWORK,
        UNKNOWN_FLAVOR, VOLUME_NOT_POSITIVE, PORT_OUT_OF_RANGE, DNS_NOT_IPV4, NAME_BAD_START, NAME_TOO_LONG,
        EMPTY_STRING, UNKNOWN_FIELD, READ_ONLY_FIELD, NOT_AN_INTEGER, NOT_A_BOOLEAN, BAD_LABEL_KEY, BAD_SERVER_TYPE,
        WRONG_NETWORK_DRIVER, CONTROL_CHARACTER, BAD_FLANNEL_CIDR, LABELS_NOT_A_MAP, STRING_NOT_A_STRING
    }

    @Provide
    Arbitrary<Map<String, Object>> malformedSpecs()
    {
        Arbitrary<List<SpecBreak>> breaks = Arbitraries.of(SpecBreak.class).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<String> noise = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Integer> number = Arbitraries.integers().between(-1_000_000, 1_000_000);
        Arbitrary<Boolean> swarm = Arbitraries.of(true, false);
        return Combinators.combine(breaks, noise, number, swarm).as(MalformedInputPropertiesTest::breakSpec);
    }

    private static Map<String, Object> breakSpec(List<SpecBreak> breaks, String noise, int number, boolean swarm)
    {
        Map<String, Object> spec = new LinkedHashMap<>(Fixtures.seedSpec().name("fuzz" + noise).build().toAttributes());
        if (swarm) {
            spec.put("coe", "swarm");
            spec.put("network_driver", "docker");
        }
        for (SpecBreak b : breaks) {
            switch (b) {
                case DROP_COE -> spec.remove("coe");
                case DROP_IMAGE -> spec.remove("image_id");
                case DROP_KEYPAIR -> spec.remove("keypair_id");
                case DROP_NETWORK -> spec.remove("external_network_id");
                case UNKNOWN_COE -> spec.put("coe", "coe-" + noise);
                case UNKNOWN_IMAGE -> spec.put("image_id", "image-" + noise);
                case UNKNOWN_KEYPAIR -> spec.put("keypair_id", "key-" + noise);
                case UNKNOWN_NETWORK -> spec.put("external_network_id", "net-" + noise);
                case UNKNOWN_FLAVOR -> spec.put(number % 2 == 0 ? "flavor_id" : "master_flavor_id", "flavor-" + noise);
                case VOLUME_NOT_POSITIVE -> spec.put("docker_volume_size", -Math.abs(number));
                case PORT_OUT_OF_RANGE -> spec.put("apiserver_port", number % 2 == 0 ? Math.abs(number) % 1024
                        : 65536 + Math.abs(number));
                case DNS_NOT_IPV4 -> spec.put("dns_nameserver", "dns-" + noise);
                case NAME_BAD_START -> spec.put("name", (Math.abs(number) % 10) + noise);
                case NAME_TOO_LONG -> spec.put("name", "n" + noise.repeat(256));
                case EMPTY_STRING -> spec.put(List.of("name", "image_id", "keypair_id", "flavor_id", "http_proxy",
                        "no_proxy", "fixed_network").get(Math.abs(number) % 7), "");
                case UNKNOWN_FIELD -> spec.put("field_" + noise, noise);
                case READ_ONLY_FIELD -> spec.put(List.of("uuid", "project_id", "user_id", "cluster_distro",
                        "created_at", "updated_at").get(Math.abs(number) % 6), noise);
                case NOT_AN_INTEGER -> spec.put("docker_volume_size", "size-" + noise);
                case NOT_A_BOOLEAN -> spec.put(List.of("tls_disabled", "public", "registry_enabled")
                        .get(Math.abs(number) % 3), "maybe-" + noise);
                case BAD_LABEL_KEY -> spec.put("labels", Map.of("bad key " + noise, "v"));
                case BAD_SERVER_TYPE -> spec.put("server_type", "st-" + noise);
                case WRONG_NETWORK_DRIVER -> spec.put("network_driver", "nd-" + noise);
                case CONTROL_CHARACTER -> spec.put("http_proxy", "http://proxy\u0000" + noise);
                case BAD_FLANNEL_CIDR -> spec.put("labels", Map.of("flannel_network_cidr", noise));
                case LABELS_NOT_A_MAP -> spec.put("labels", List.of(noise));
                case STRING_NOT_A_STRING -> spec.put("keypair_id", number);
            }
        }
        return spec;
    }

    /** One way of breaking a patch. */
    enum PatchBreak
    {
        UNKNOWN_PATH, READ_ONLY_PATH, BAD_OP, NO_PATH, MISSING_VALUE, NOT_AN_INTEGER, NOT_A_BOOLEAN, REMOVE_REQUIRED,
        PORT_OUT_OF_RANGE, UNKNOWN_IMAGE, REMOVE_MISSING_LABEL, BAD_LABEL_TEXT, NULL_OPERATION, BAD_NAME,
        WRONG_NETWORK_DRIVER, VOLUME_NOT_POSITIVE
    }

    @Provide
    Arbitrary<List<PatchOperation>> malformedPatches()
    {
        Arbitrary<List<PatchBreak>> breaks = Arbitraries.of(PatchBreak.class).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Integer>> goodOps = Arbitraries.integers().between(0, 3).list().ofMaxSize(3);
        Arbitrary<String> noise = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Integer> number = Arbitraries.integers().between(-1_000_000, 1_000_000);
        return Combinators.combine(breaks, goodOps, noise, number).as(MalformedInputPropertiesTest::breakPatch);
    }

    private static List<PatchOperation> breakPatch(List<PatchBreak> breaks, List<Integer> goodOps, String noise, int number)
    {
        List<PatchOperation> patch = new ArrayList<>();
        for (int good : goodOps) {
            // valid steps mixed in: all-or-nothing must still hold
            patch.add(switch (good) {
                case 0 -> PatchOperation.replace("docker_volume_size", String.valueOf(1 + Math.abs(number) % 100));
                case 1 -> PatchOperation.add("labels/kube_tag", "v" + noise);
                case 2 -> PatchOperation.replace("name", "renamed" + noise);
                default -> PatchOperation.remove("flavor_id");
            });
        }
        for (PatchBreak b : breaks) {
            patch.add(switch (b) {
                case UNKNOWN_PATH -> PatchOperation.replace("/field_" + noise, noise);
                case READ_ONLY_PATH -> PatchOperation.replace(List.of("uuid", "project_id", "user_id", "cluster_distro",
                        "created_at", "updated_at").get(Math.abs(number) % 6), noise);
                case BAD_OP -> new PatchOperation("op" + noise, "name", noise);
                case NO_PATH -> new PatchOperation("replace", number % 2 == 0 ? null : "/", noise);
                case MISSING_VALUE -> new PatchOperation(number % 2 == 0 ? "add" : "replace", "http_proxy", null);
                case NOT_AN_INTEGER -> PatchOperation.replace("apiserver_port", "port-" + noise);
                case NOT_A_BOOLEAN -> PatchOperation.replace("tls_disabled", "maybe-" + noise);
                case REMOVE_REQUIRED -> PatchOperation.remove(List.of("coe", "image_id", "keypair_id",
                        "external_network_id").get(Math.abs(number) % 4));
                case PORT_OUT_OF_RANGE -> PatchOperation.replace("apiserver_port", Math.abs(number) % 1024);
                case UNKNOWN_IMAGE -> PatchOperation.replace("image_id", "image-" + noise);
                case REMOVE_MISSING_LABEL -> PatchOperation.remove("labels/missing_" + noise);
                case BAD_LABEL_TEXT -> PatchOperation.replace("labels", "novalue" + noise);
                case NULL_OPERATION -> null;
                case BAD_NAME -> PatchOperation.replace("name", "-" + noise);
                case WRONG_NETWORK_DRIVER -> PatchOperation.replace("network_driver", "nd-" + noise);
                case VOLUME_NOT_POSITIVE -> PatchOperation.replace("docker_volume_size", -Math.abs(number));
            });
        }
        return patch;
    }
}
