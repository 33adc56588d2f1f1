package io.magnum.local.tck;

import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ObjectKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A manifest object the driver under test can create, for {@link CoeDriverContract#manifestFixtures()}: the TCK
 * creates, lists, reads, replaces, patches and deletes it, and spoils it to check that bad manifests are refused.
 *
 * <pre>{@code
 * ManifestFixture.of(ObjectKind.POD, """
 *         apiVersion: v1
 *         kind: Pod
 *         metadata: {name: redis-master, labels: {name: redis}}
 *         spec: {containers: [{name: master, image: kubernetes/redis:v2}]}
 *         """)
 * }</pre>
 *
 * @param kind     the kind, which the manifest names
 * @param manifest the manifest, YAML or JSON
 * @param name     the object's name ({@code metadata.name})
 */
public record ManifestFixture(ObjectKind kind, Manifest manifest, String name)
{
    public ManifestFixture
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(name, "name is null");
    }

    /**
     * @param kind the kind
     * @param text the manifest, with {@code kind} and {@code metadata.name}
     * @return the fixture, named after its {@code metadata.name}
     * @throws IllegalArgumentException when the manifest does not describe an object of that kind with a name
     */
    public static ManifestFixture of(ObjectKind kind, String text)
    {
        Map<String, Object> tree = tree(text);
        if (!kind.manifestKind().equals(tree.get("kind"))) {
            throw new IllegalArgumentException("the manifest's kind is " + tree.get("kind") + ", not "
                    + kind.manifestKind());
        }
        if (!(tree.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("name") instanceof String name)) {
            throw new IllegalArgumentException("the manifest has no metadata.name");
        }
        return new ManifestFixture(kind, Manifest.of(text), name);
    }

    /** @return the manifest as a YAML tree (maps, lists, scalars) */
    public Map<String, Object> tree()
    {
        return tree(manifest.text());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String text)
    {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a manifest is a YAML or JSON object");
        }
        return (Map<String, Object>) root;
    }
}
