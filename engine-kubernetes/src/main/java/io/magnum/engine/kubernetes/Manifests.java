package io.magnum.engine.kubernetes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.magnum.spi.coe.CoeException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ObjectKind;

import java.io.IOException;
import java.util.Set;

/**
 * Reads and checks manifests as Magnum does: JSON when the text starts with <code>{</code>, YAML otherwise; one
 * mapping, with a {@code kind} that is the call's and an {@code apiVersion} the engine takes ({@code v1} for pods,
 * services and replication controllers). Every refusal is {@link CoeException.Reason#INVALID} on field
 * {@code manifest}, with a message that says what is wrong. Thread-safe.
 */
final class Manifests
{
    /** The field a bad manifest is reported on. */
    static final String FIELD = "manifest";
    /** The apiVersions the engine takes for its three kinds (all core group). */
    static final Set<String> API_VERSIONS = Set.of("v1");

    private final ObjectReader json;
    private final ObjectMapper yaml;

    Manifests()
    {
        ObjectMapper jsonMapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.json = jsonMapper.readerFor(JsonNode.class);
        this.yaml = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Parses and checks a manifest for a create or a replace.
     *
     * @param kind     what the call makes
     * @param manifest the user's text
     * @return the object, as JSON
     */
    ObjectNode object(ObjectKind kind, Manifest manifest)
    {
        ObjectNode object = mapping(manifest, "manifest");
        JsonNode k = object.get("kind");
        if (k != null && !k.isNull() && !k.isTextual()) {
            throw invalid("the manifest's kind must be a string such as " + kind.manifestKind());
        }
        if (k == null || k.isNull() || k.asText().isBlank()) {
            throw invalid("the manifest has no kind: a " + KubernetesObjects.noun(kind) + " manifest needs kind: "
                    + kind.manifestKind());
        }
        if (!k.asText().equals(kind.manifestKind())) {
            throw invalid("the manifest describes a " + k.asText() + ", not a " + kind.manifestKind()
                    + " (kind must be " + kind.manifestKind() + ")");
        }
        checkApiVersion(kind, object.get("apiVersion"), true);
        JsonNode metadata = object.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw invalid("the manifest's metadata must be a mapping");
        }
        JsonNode namespace = object.path("metadata").path("namespace");
        if (!namespace.isMissingNode() && !namespace.isNull() && !KubernetesClients.NAMESPACE.equals(namespace.asText())) {
            throw invalid("the manifest names namespace " + namespace.asText() + ", but objects live in namespace "
                    + KubernetesClients.NAMESPACE);
        }
        return object;
    }

    /**
     * Parses and checks a patch: a mapping that, if it names a kind or an apiVersion, names the object's.
     *
     * @param kind  the object's kind
     * @param patch the user's text
     * @return the patch, as JSON
     */
    ObjectNode patch(ObjectKind kind, Manifest patch)
    {
        ObjectNode object = mapping(patch, "patch");
        JsonNode k = object.get("kind");
        if (k != null && !kind.manifestKind().equals(k.asText())) {
            throw invalid("the patch changes kind to " + k.asText() + ": a " + kind.manifestKind()
                    + " stays a " + kind.manifestKind());
        }
        checkApiVersion(kind, object.get("apiVersion"), false);
        return object;
    }

    private void checkApiVersion(ObjectKind kind, JsonNode apiVersion, boolean required)
    {
        if (apiVersion == null || apiVersion.isNull()) {
            if (required) {
                throw invalid("the manifest has no apiVersion: a " + KubernetesObjects.noun(kind)
                        + " manifest needs apiVersion: v1");
            }
            return;
        }
        if (!apiVersion.isTextual() || !API_VERSIONS.contains(apiVersion.asText())) {
            throw invalid("apiVersion " + apiVersion.asText() + " is not accepted for a " + kind.manifestKind()
                    + ": use apiVersion: v1");
        }
    }

    private ObjectNode mapping(Manifest manifest, String what)
    {
        String text = manifest.text();
        if (text.isBlank()) {
            throw invalid("the " + what + " is empty");
        }
        JsonNode node;
        if (manifest.isJson()) {
            try {
                node = json.readTree(text);
            }
            catch (JacksonException e) {
                throw invalid("the " + what + " is not valid JSON: " + e.getOriginalMessage() + location(e));
            }
            catch (IOException e) {
                throw invalid("the " + what + " cannot be read: " + e.getMessage());
            }
        }
        else {
            try (JsonParser parser = yaml.createParser(text)) {
                node = yaml.readTree(parser);
                if (parser.nextToken() != null) {
                    throw invalid("the " + what + " holds more than one YAML document; give one object");
                }
            }
            catch (JacksonException e) {
                throw invalid("the " + what + " is not valid YAML: " + yamlProblem(e));
            }
            catch (IOException e) {
                throw invalid("the " + what + " cannot be read: " + e.getMessage());
            }
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw invalid("the " + what + " is empty");
        }
        if (!(node instanceof ObjectNode object)) {
            throw invalid("the " + what + " must be a mapping (an object with kind, apiVersion, metadata, ...), not "
                    + describe(node));
        }
        return object;
    }

    private static String describe(JsonNode node)
    {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** SnakeYAML says what is wrong and where in its own exception; Jackson's message keeps only the context. */
    private static String yamlProblem(JacksonException e)
    {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                String where = marked.getProblemMark() == null ? "" : " (line " + (marked.getProblemMark().getLine()
                        + 1) + ", column " + (marked.getProblemMark().getColumn() + 1) + ")";
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                return context + marked.getProblem() + where;
            }
        }
        return e.getOriginalMessage() + location(e);
    }

    private static String location(JacksonException e)
    {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    static CoeException invalid(String message)
    {
        return CoeException.invalid(FIELD, message);
    }
}
