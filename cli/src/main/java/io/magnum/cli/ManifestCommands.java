package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What {@code pod-*}, {@code rc-*} and {@code coe-service-*} share: Kubernetes objects made from manifests on a
 * bay, addressed as Magnum 2.0 did ({@code /v1/pods/{ident}?bay_ident=<bay>}), with a create body of
 * {@code bay_uuid} and {@code manifest} or {@code manifest_url}. The subclasses in {@link PodCommands},
 * {@link RcCommands} and {@link CoeServiceCommands} only name their {@link Kind}.
 */
final class ManifestCommands
{
    /** The bay states in which the python client lets these objects be created or listed. */
    private static final Set<String> READY = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE");

    private ManifestCommands()
    {
    }

    /**
     * One kind of object.
     *
     * @param collection  its collection and the list answer's key ({@code pods})
     * @param word        how the accepted and failed lines name it ({@code pod}, {@code rc}, {@code service})
     * @param description how the bay-status errors name it ({@code replication controller})
     * @param columns     the list's columns
     * @param listNeedsReadyBay whether the list, too, first checks that the bay is ready (as pod-list and rc-list do)
     */
    record Kind(String collection, String word, String description, List<String> columns, boolean listNeedsReadyBay)
    {
        static final Kind POD = new Kind("pods", "pod", "pod", List.of("uuid", "name"), true);
        static final Kind RC = new Kind("rcs", "rc", "replication controller", List.of("uuid", "name", "bay_uuid"),
                true);
        static final Kind SERVICE = new Kind("services", "service", "service", List.of("uuid", "name", "bay_uuid"),
                false);

        Kind
        {
            requireNonNull(collection, "collection is null");
            requireNonNull(word, "word is null");
            requireNonNull(description, "description is null");
            columns = List.copyOf(columns);
        }

        String path(String ident, String bay)
        {
            return MagnumApi.query(MagnumApi.path("v1", collection, ident), MagnumApi.parameter("bay_ident", bay));
        }
    }

    /**
     * Looks the bay up and refuses one that is not {@code CREATE_COMPLETE} or {@code UPDATE_COMPLETE}, as the python
     * client does before it creates or lists: the objects live in the bay's Kubernetes, which is not there before.
     *
     * @return the bay
     */
    private static JsonNode readyBay(ApiCommand command, String bay, String doing)
    {
        JsonNode found = command.api().get(MagnumApi.path("v1", "bays", bay));
        String status = found.path("status").asText();
        if (!READY.contains(status)) {
            throw new CliException("Bay status for " + bay + " is: " + status + ". We cannot " + doing
                    + " until the status is CREATE_COMPLETE or UPDATE_COMPLETE.");
        }
        return found;
    }

    /** {@code <kind>-create --manifest <file> | --manifest-url <url> --bay <bay>}. */
    abstract static class Create extends ApiCommand
    {
        @Option(names = "--manifest-url", paramLabel = "<manifest-url>",
                description = "Name/URL of the manifest file to use for creating it.")
        String manifestUrl;

        @Option(names = "--manifest", paramLabel = "<manifest>",
                description = "File path of the manifest file to use for creating it.")
        String manifest;

        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "ID or name of the bay.")
        String bay;

        abstract Kind kind();

        @Override
        int run()
        {
            String article = kind().description().startsWith("a") ? "an " : "a ";
            JsonNode found = readyBay(this, bay, "create " + article + kind().description());
            ObjectNode body = session().object();
            body.put("manifest_url", manifestUrl);
            body.put("bay_uuid", found.path("uuid").asText());
            if (manifest != null) {
                body.put("manifest", session().read(manifest, "manifest"));
            }
            show(api().post(MagnumApi.path("v1", kind().collection()), body));
            return 0;
        }
    }

    /** {@code <kind>-delete <ident>... --bay <bay>}. */
    abstract static class Delete extends ApiCommand
    {
        @Parameters(paramLabel = "<ident>", arity = "1..*", description = "ID or name of the object(s) to delete.")
        List<String> idents;

        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "UUID or Name of Bay")
        String bay;

        abstract Kind kind();

        @Override
        int run()
        {
            return forEach(idents, "Delete", kind().word(), ident -> {
                api().delete(kind().path(ident, bay));
                out().println("Request to delete " + kind().word() + " " + ident + " has been accepted.");
            });
        }
    }

    /** {@code <kind>-list --bay <bay>}: sorted by uuid, as the python client sorts them. */
    abstract static class Listing extends ApiCommand
    {
        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "UUID or Name of Bay")
        String bay;

        abstract Kind kind();

        @Override
        int run()
        {
            if (kind().listNeedsReadyBay()) {
                readyBay(this, bay, "list " + kind().description() + "s");
            }
            String path = MagnumApi.query(MagnumApi.path("v1", kind().collection()),
                    MagnumApi.parameter("bay_ident", bay));
            out().println(Table.list(list(path, kind().collection(), null), kind().columns(), 0));
            return 0;
        }
    }

    /** {@code <kind>-show <ident> --bay <bay>}. */
    abstract static class Show extends ApiCommand
    {
        @Parameters(paramLabel = "<ident>", description = "ID or name of the object to show.")
        String ident;

        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "UUID or Name of Bay")
        String bay;

        abstract Kind kind();

        @Override
        int run()
        {
            show(api().get(kind().path(ident, bay)));
            return 0;
        }
    }

    /**
     * {@code <kind>-update <ident> --bay <bay> <op> <path=value>...}: Magnum takes a new manifest only
     * ({@code replace manifest=<file>}, the file read here).
     */
    abstract static class Update extends ApiCommand
    {
        @Parameters(index = "0", paramLabel = "<ident>", description = "UUID or name of the object")
        String ident;

        @Parameters(index = "1", paramLabel = "<op>", description = "Operations: 'add', 'replace' or 'remove'")
        Arguments.Op op;

        @Parameters(index = "2..*", arity = "1..*", paramLabel = "<path=value>",
                description = "Attributes to add/replace or remove (only PATH is necessary on remove)")
        List<String> attributes;

        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "UUID or Name of Bay")
        String bay;

        abstract Kind kind();

        @Override
        int run()
        {
            ArrayNode patch = Arguments.patch(session().mapper(), op, attributes);
            JsonNode first = patch.get(0);
            if (first.path("path").asText().equals("/manifest") && first.path("value").isTextual()
                    && session().isFile(first.path("value").textValue())) {
                ((ObjectNode) first).put("value", session().read(first.path("value").textValue(), "manifest"));
            }
            show(api().patch(kind().path(ident, bay), patch));
            return 0;
        }
    }
}
