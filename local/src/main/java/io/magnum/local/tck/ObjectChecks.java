package io.magnum.local.tck;

import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/** The object checks of the TCK: what a driver's manifest objects and containers must do, verb by verb. */
final class ObjectChecks
{
    private static final Logger log = LoggerFactory.getLogger(ObjectChecks.class);
    static final String LABEL = "magnum-tck";

    private ObjectChecks()
    {
    }

    /** Create, conflict, list, get, replace, patch, delete, and the not-found cases, for one fixture. */
    static void roundTrip(ManifestObjects objects, ManifestFixture fixture)
    {
        ObjectKind kind = fixture.kind();
        String name = fixture.name();
        String missing = "magnum-tck-missing-" + shortId();

        CoeObject created = objects.create(kind, fixture.manifest());
        assertColumns(created, fixture);
        assertReason(() -> objects.create(kind, fixture.manifest()), CoeException.Reason.CONFLICT,
                kind + " " + name + " created twice");
        assertThat(objects.list(kind)).as("list(%s) after create", kind)
                .filteredOn(o -> o.name().equals(name)).hasSize(1);
        CoeObject read = objects.get(kind, name).orElseThrow(() -> new AssertionError(kind + " " + name
                + " not found right after its create"));
        assertThat(read.uuid()).as("uuid of %s %s as read back", kind, name).isEqualTo(created.uuid());
        assertColumns(read, fixture);

        CoeObject replaced = objects.replace(kind, name, withLabel(fixture, "replaced"));
        assertThat(replaced.name()).isEqualTo(name);
        assertThat(replaced.labels()).as("labels of %s %s after replace", kind, name).containsEntry(LABEL, "replaced");
        assertThat(objects.get(kind, name).orElseThrow().labels()).as("labels of %s %s read after replace", kind, name)
                .containsEntry(LABEL, "replaced");

        CoeObject patched = objects.patch(kind, name, patch("patched"));
        assertThat(patched.labels()).as("labels of %s %s after patch", kind, name).containsEntry(LABEL, "patched");
        assertThat(objects.get(kind, name).orElseThrow().labels()).as("labels of %s %s read after patch", kind, name)
                .containsEntry(LABEL, "patched");

        assertThat(objects.get(kind, missing)).as("get of a missing %s", kind).isEmpty();
        assertReason(() -> objects.patch(kind, missing, patch("x")), CoeException.Reason.NOT_FOUND,
                "patch of a missing " + kind);
        assertReason(() -> objects.replace(kind, missing, rename(fixture, missing)), CoeException.Reason.NOT_FOUND,
                "replace of a missing " + kind);

        assertThat(objects.delete(kind, name)).as("delete of %s %s", kind, name).isTrue();
        assertThat(objects.get(kind, name)).as("get of %s %s after delete", kind, name).isEmpty();
        assertThat(objects.list(kind)).extracting(CoeObject::name).as("list(%s) after delete", kind)
                .doesNotContain(name);
        assertThat(objects.delete(kind, name)).as("second delete of %s %s", kind, name).isFalse();
    }

    /** Create, get, delete: the short round trip. */
    static void createGetDelete(ManifestObjects objects, ManifestFixture fixture)
    {
        CoeObject created = objects.create(fixture.kind(), fixture.manifest());
        assertColumns(created, fixture);
        assertThat(objects.get(fixture.kind(), fixture.name())).isPresent();
        assertThat(objects.delete(fixture.kind(), fixture.name())).isTrue();
        assertThat(objects.get(fixture.kind(), fixture.name())).isEmpty();
    }

    /** Manifests that cannot be parsed, lack a kind, name another kind or an unknown apiVersion are INVALID. */
    static void badManifests(ManifestObjects objects, ManifestFixture fixture)
    {
        ObjectKind kind = fixture.kind();
        Map<String, Manifest> bad = new LinkedHashMap<>();
        bad.put("YAML that does not parse", Manifest.of("kind: [" + kind.manifestKind() + "\nmetadata: {name: x"));
        bad.put("JSON that does not parse", Manifest.of("{\"kind\": \"" + kind.manifestKind() + "\", \"metadata\": "));
        bad.put("a manifest that is not an object", Manifest.of("- just\n- a list\n"));
        bad.put("a manifest without kind", edited(fixture, tree -> tree.remove("kind")));
        ObjectKind other = kind == ObjectKind.SERVICE ? ObjectKind.POD : ObjectKind.SERVICE;
        bad.put("a " + other.manifestKind() + " given as a " + kind.manifestKind(),
                edited(fixture, tree -> tree.put("kind", other.manifestKind())));
        bad.put("an apiVersion no COE accepts", edited(fixture, tree -> tree.put("apiVersion", "magnum-tck/v0")));
        bad.forEach((what, manifest) -> {
            CoeException e = assertReason(() -> objects.create(kind, manifest), CoeException.Reason.INVALID,
                    "create(" + kind + ") of " + what);
            assertThat(e.field()).as("the field named by the INVALID error for %s", what).isPresent();
        });
        assertThat(objects.get(kind, fixture.name())).as("%s %s after the refused creates", kind, fixture.name())
                .isEmpty();
    }

    /** Create, inspect, every declared verb (and UNSUPPORTED for the others), delete. */
    static void containerLifecycle(ContainerEngine engine, ContainerFixture fixture)
    {
        ContainerSpec spec = spec(fixture);
        ContainerState created = engine.create(spec);
        String id = created.id();
        try {
            assertThat(id).as("the id create returned").isNotBlank();
            assertThat(created.status()).as("status after create").isNotEqualTo(ContainerStatus.ERROR);
            assertThat(engine.inspect(id).id()).as("inspect(%s).id", id).isEqualTo(id);
            assertThat(engine.inspect(id).status()).as("status inspected after create")
                    .isNotEqualTo(ContainerStatus.ERROR);

            EnumSet<ContainerVerb> declared = EnumSet.noneOf(ContainerVerb.class);
            declared.addAll(fixture.verbs());
            for (ContainerVerb verb : EnumSet.complementOf(declared)) {
                assertReason(() -> run(engine, verb, id), CoeException.Reason.UNSUPPORTED,
                        verb + ", which the fixture does not declare,");
            }
            for (ContainerVerb verb : List.of(ContainerVerb.START, ContainerVerb.EXEC, ContainerVerb.LOGS,
                    ContainerVerb.PAUSE, ContainerVerb.UNPAUSE, ContainerVerb.REBOOT, ContainerVerb.SCALE,
                    ContainerVerb.STOP)) {
                if (fixture.verbs().contains(verb)) {
                    check(engine, verb, id);
                }
            }
        }
        finally {
            engine.delete(id);
        }
        assertReason(() -> engine.inspect(id), CoeException.Reason.NOT_FOUND, "inspect after delete");
        engine.delete(id); // one already gone is not an error
        assertReason(() -> engine.inspect("magnum-tck-missing-" + shortId()), CoeException.Reason.NOT_FOUND,
                "inspect of a container that never was");
    }

    /** Create, inspect, delete: the short round trip. */
    static void containerCreateInspectDelete(ContainerEngine engine, ContainerFixture fixture)
    {
        ContainerState created = engine.create(spec(fixture));
        try {
            assertThat(engine.inspect(created.id()).status()).isNotEqualTo(ContainerStatus.ERROR);
        }
        finally {
            engine.delete(created.id());
        }
        assertReason(() -> engine.inspect(created.id()), CoeException.Reason.NOT_FOUND, "inspect after delete");
    }

    /** One call that needs the COE: lists the first fixture's kind, or inspects a container. */
    static void firstCall(CoeConnection coe, List<ManifestFixture> fixtures)
    {
        if (!fixtures.isEmpty()) {
            manifests(coe).list(fixtures.get(0).kind());
        }
        else {
            containers(coe).inspect("magnum-tck-missing");
        }
    }

    static ManifestObjects manifests(CoeConnection coe)
    {
        return coe.manifests().orElseThrow(() -> new AssertionError("manifests() is empty, but manifestFixtures() "
                + "are given"));
    }

    static ContainerEngine containers(CoeConnection coe)
    {
        return coe.containers().orElseThrow(() -> new AssertionError("containers() is empty, but a "
                + "containerFixture() is given"));
    }

    static ContainerSpec spec(ContainerFixture fixture)
    {
        String uuid = UUID.randomUUID().toString();
        return new ContainerSpec(uuid, "magnum-tck-" + uuid.substring(0, 8), fixture.image(), fixture.command(),
                java.util.Optional.empty(), Map.of("MAGNUM_TCK", "1"));
    }

    static CoeException assertReason(ThrowingCallable call, CoeException.Reason reason, String what)
    {
        CoeException e = catchThrowableOfType(CoeException.class, call);
        if (e == null) {
            fail(what + " should throw CoeException " + reason + " but did not");
        }
        assertThat(e.reason()).as("%s: reason of %s", what, e).isEqualTo(reason);
        return e;
    }

    private static Object run(ContainerEngine engine, ContainerVerb verb, String id)
    {
        return switch (verb) {
            case START -> engine.start(id);
            case STOP -> engine.stop(id);
            case PAUSE -> engine.pause(id);
            case UNPAUSE -> engine.unpause(id);
            case REBOOT -> engine.reboot(id);
            case EXEC -> engine.exec(id, "echo " + LABEL);
            case LOGS -> engine.logs(id);
            case SCALE -> engine.scale(id, 2);
        };
    }

    private static void check(ContainerEngine engine, ContainerVerb verb, String id)
    {
        log.info("Container {}: {}", id, verb);
        Object result = run(engine, verb, id);
        switch (verb) {
            case START, UNPAUSE, REBOOT ->
                    assertStatus(engine, id, (ContainerState) result, ContainerStatus.RUNNING, verb);
            case PAUSE -> assertStatus(engine, id, (ContainerState) result, ContainerStatus.PAUSED, verb);
            case STOP -> assertStatus(engine, id, (ContainerState) result, ContainerStatus.STOPPED, verb);
            case EXEC -> assertThat((String) result).as("output of exec 'echo %s'", LABEL).contains(LABEL);
            case LOGS -> assertThat((String) result).as("logs").isNotNull();
            case SCALE -> {
                assertThat(((ContainerState) result).status()).as("status after scale to 2")
                        .isNotEqualTo(ContainerStatus.ERROR);
                assertThat(engine.scale(id, 1).status()).as("status after scale back to 1")
                        .isNotEqualTo(ContainerStatus.ERROR);
            }
        }
    }

    /**
     * The verb's returned status is the one wanted, or {@code CREATING} for a COE that deploys asynchronously
     * (Marathon); then inspect must reach the wanted one within {@link #SETTLE}.
     */
    private static void assertStatus(ContainerEngine engine, String id, ContainerState state, ContainerStatus wanted,
            ContainerVerb verb)
    {
        assertThat(state.status()).as("status %s returned", verb).isIn(wanted, ContainerStatus.CREATING);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        ContainerStatus inspected = engine.inspect(id).status();
        while (inspected != wanted && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + id, e);
            }
            inspected = engine.inspect(id).status();
        }
        assertThat(inspected).as("status inspected after %s (waited up to %s)", verb, SETTLE).isEqualTo(wanted);
    }

    /** How long an asynchronous COE may take to reach the status a verb asked for. */
    static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(15);

    /** The seed's columns: labels for all; images for pods and controllers; replicas and selectors; ports. */
    @SuppressWarnings("unchecked")
    private static void assertColumns(CoeObject object, ManifestFixture fixture)
    {
        Map<String, Object> tree = fixture.tree();
        String what = fixture.kind() + " " + fixture.name();
        assertThat(object.kind()).as("kind of %s", what).isEqualTo(fixture.kind());
        assertThat(object.name()).as("name of %s", what).isEqualTo(fixture.name());
        assertThat(object.uuid()).as("uuid of %s", what).isNotBlank();
        assertThat(object.manifest()).as("manifest of %s", what).isNotBlank();
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        assertThat(object.labels()).as("labels of %s", what).containsAllEntriesOf(strings(metadata.get("labels")));
        Map<String, Object> spec = tree.get("spec") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        switch (fixture.kind()) {
            case POD -> assertThat(new LinkedHashSet<>(object.images())).as("images of %s", what)
                    .isEqualTo(images(spec));
            case REPLICATION_CONTROLLER -> {
                if (spec.get("replicas") instanceof Number replicas) {
                    assertThat(object.replicas()).as("replicas of %s", what).contains(replicas.intValue());
                }
                assertThat(object.selector()).as("selector of %s", what).isEqualTo(strings(spec.get("selector")));
                Object template = spec.get("template") instanceof Map<?, ?> t ? t.get("spec") : null;
                assertThat(new LinkedHashSet<>(object.images())).as("images of %s", what)
                        .isEqualTo(images(template instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
            }
            case SERVICE -> {
                assertThat(object.selector()).as("selector of %s", what).isEqualTo(strings(spec.get("selector")));
                List<Integer> ports = new ArrayList<>();
                if (spec.get("ports") instanceof List<?> list) {
                    list.forEach(p -> ports.add(((Number) ((Map<String, Object>) p).get("port")).intValue()));
                }
                assertThat(object.ports()).extracting(CoeObject.ServicePort::port).as("ports of %s", what)
                        .containsExactlyInAnyOrderElementsOf(ports);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> images(Map<String, Object> podSpec)
    {
        Set<String> images = new LinkedHashSet<>();
        if (podSpec.get("containers") instanceof List<?> containers) {
            containers.forEach(c -> images.add(String.valueOf(((Map<String, Object>) c).get("image"))));
        }
        return images;
    }

    private static Map<String, String> strings(Object map)
    {
        Map<String, String> strings = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
        }
        return strings;
    }

    static Manifest withLabel(ManifestFixture fixture, String value)
    {
        return edited(fixture, tree -> labels(tree).put(LABEL, value));
    }

    private static Manifest rename(ManifestFixture fixture, String name)
    {
        return edited(fixture, tree -> metadata(tree).put("name", name));
    }

    static Manifest patch(String value)
    {
        return Manifest.of("{\"metadata\": {\"labels\": {\"" + LABEL + "\": \"" + value + "\"}}}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> tree)
    {
        return (Map<String, Object>) tree.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> tree)
    {
        return (Map<String, Object>) metadata(tree).computeIfAbsent("labels", k -> new LinkedHashMap<>());
    }

    private static Manifest edited(ManifestFixture fixture, java.util.function.Consumer<Map<String, Object>> edit)
    {
        Map<String, Object> tree = fixture.tree();
        edit.accept(tree);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return Manifest.of(new Yaml(options).dump(tree));
    }

    private static String shortId()
    {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
