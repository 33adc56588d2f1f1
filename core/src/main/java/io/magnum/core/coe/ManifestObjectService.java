package io.magnum.core.coe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.magnum.InvalidInputException;
import io.magnum.NotFoundException;
import io.magnum.NotSupportedException;
import io.magnum.RequestContext;
import io.magnum.core.bay.BayService;
import io.magnum.core.policy.Policy;
import io.magnum.model.Bay;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;

/**
 * Pods, services and replication controllers behind the facade: input checks, the bay's policy, then the bay's
 * COE through its driver's connection.
 */
@Singleton
public final class ManifestObjectService
{
    /** The largest manifest accepted, in characters. */
    public static final int MAX_MANIFEST = 1024 * 1024;
    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final BayService bays;
    private final CoeConnections connections;
    private final ManifestFetcher fetcher;

    /** An object and the bay it lives on. */
    public record Found(String bayUuid, CoeObject object)
    {
    }

    @Inject
    public ManifestObjectService(BayService bays, CoeConnections connections, ManifestFetcher fetcher)
    {
        this.bays = bays;
        this.connections = connections;
        this.fetcher = fetcher;
    }

    public Found create(RequestContext context, ObjectKind kind, String bay, String manifest)
    {
        Manifest checked = manifest("manifest", manifest);
        return call(context, kind, bay, "create", (objects, b) -> new Found(b.uuid(), objects.create(kind, checked)));
    }

    public Found create(RequestContext context, ObjectKind kind, String bay, Path file)
    {
        if (file == null) {
            throw InvalidInputException.of("manifest", "a manifest file is required");
        }
        String text;
        try {
            if (Files.size(file) > MAX_MANIFEST) {
                throw InvalidInputException.of("manifest", "manifest file " + file + " is larger than "
                        + MAX_MANIFEST + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw InvalidInputException.of("manifest", "cannot read manifest file " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return create(context, kind, bay, text);
    }

    /** Creates an object from the manifest at an http(s) URL ({@code pod-create --manifest-url}). */
    public Found createFromUrl(RequestContext context, ObjectKind kind, String bay, String url)
    {
        // read once the bay and the caller's right to it are checked
        return call(context, kind, bay, "create", (objects, b) -> new Found(b.uuid(),
                objects.create(kind, manifest("manifest", fetcher.fetch(url)))));
    }

    /** Replaces an object with the manifest at an http(s) URL. */
    public Found replaceFromUrl(RequestContext context, ObjectKind kind, String bay, String ident, String url)
    {
        String name = ident(ident);
        return call(context, kind, bay, "update", (objects, b) -> new Found(b.uuid(),
                objects.replace(kind, resolve(objects, kind, name), manifest("manifest", fetcher.fetch(url)))));
    }

    public List<Found> list(RequestContext context, ObjectKind kind, String bay)
    {
        return call(context, kind, bay, "list", (objects, b) -> objects.list(kind).stream()
                .map(o -> new Found(b.uuid(), o)).toList());
    }

    public Optional<Found> find(RequestContext context, ObjectKind kind, String bay, String ident)
    {
        String name = ident(ident);
        return call(context, kind, bay, "show", (objects, b) -> objects.get(kind, name).map(o -> new Found(b.uuid(), o)));
    }

    public Found get(RequestContext context, ObjectKind kind, String bay, String ident)
    {
        return find(context, kind, bay, ident).orElseThrow(() -> notFound(kind, bay, ident));
    }

    public Found replace(RequestContext context, ObjectKind kind, String bay, String ident, String manifest)
    {
        String name = ident(ident);
        Manifest checked = manifest("manifest", manifest);
        return call(context, kind, bay, "update", (objects, b) -> new Found(b.uuid(),
                objects.replace(kind, resolve(objects, kind, name), checked)));
    }

    public Found patch(RequestContext context, ObjectKind kind, String bay, String ident, String patch)
    {
        String name = ident(ident);
        Manifest checked = manifest("patch", patch);
        return call(context, kind, bay, "update", (objects, b) -> new Found(b.uuid(),
                objects.patch(kind, resolve(objects, kind, name), checked)));
    }

    public void delete(RequestContext context, ObjectKind kind, String bay, String ident)
    {
        String name = ident(ident);
        call(context, kind, bay, "delete", (objects, b) -> {
            if (!objects.delete(kind, resolve(objects, kind, name))) {
                throw notFound(kind, bay, ident);
            }
            return null;
        });
    }

    private interface Work<T>
    {
        T apply(ManifestObjects objects, Bay bay);
    }

    private <T> T call(RequestContext context, ObjectKind kind, String bayIdent, String verb, Work<T> work)
    {
        if (bayIdent == null || bayIdent.isBlank()) {
            throw InvalidInputException.of("bay", "a bay (uuid or name) is required");
        }
        Bay bay = bays.get(context, bayIdent);
        Policy.requireOwnerOrAdmin(context, bay.projectId(), verb + " " + noun(kind) + "s on bay " + bayIdent);
        CoeConnections.Target target = connections.connect(bay);
        ManifestObjects objects = target.connection().manifests().orElseThrow(() -> new NotSupportedException(
                "A " + target.model().coe() + " bay has no " + noun(kind) + "s"));
        return translated(() -> work.apply(objects, target.bay()));
    }

    /** Objects may be named by uid too: a uid is turned into the name the COE addresses them by. */
    private static String resolve(ManifestObjects objects, ObjectKind kind, String ident)
    {
        if (!UUID.matcher(ident).matches()) {
            return ident;
        }
        return objects.get(kind, ident).map(CoeObject::name).orElse(ident);
    }

    static <T> T translated(Supplier<T> work)
    {
        try {
            return work.get();
        }
        catch (CoeException e) {
            throw CoeErrors.translate(e);
        }
    }

    private static Manifest manifest(String field, String text)
    {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of(field, "a " + field + " is required (YAML or JSON)");
        }
        if (text.length() > MAX_MANIFEST) {
            throw InvalidInputException.of(field, "the " + field + " is larger than " + MAX_MANIFEST + " characters");
        }
        return Manifest.of(text);
    }

    private static String ident(String ident)
    {
        if (ident == null || ident.isBlank()) {
            throw InvalidInputException.of("name", "a name or uuid is required");
        }
        return ident;
    }

    private static NotFoundException notFound(ObjectKind kind, String bay, String ident)
    {
        return new NotFoundException(Character.toUpperCase(noun(kind).charAt(0)) + noun(kind).substring(1) + " "
                + ident + " could not be found on bay " + bay);
    }

    static String noun(ObjectKind kind)
    {
        return switch (kind) {
            case POD -> "pod";
            case SERVICE -> "service";
            case REPLICATION_CONTROLLER -> "replication controller";
        };
    }
}
