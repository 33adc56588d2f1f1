package io.magnum.spi.coe;

import java.util.List;
import java.util.Optional;

/**
 * Pods, services and replication controllers of a bay, read from and written to the COE itself (it is the source of
 * truth; magnum4j keeps no copy). Objects live in one namespace, {@code default} as in Magnum.
 *
 * <p>Every method reports the COE's refusals as {@link CoeException}: a manifest that cannot be parsed, has no
 * {@code kind}, names another kind than the call's or an {@code apiVersion} the COE does not take is
 * {@link CoeException.Reason#INVALID}; a name already taken {@link CoeException.Reason#CONFLICT}; a missing object
 * {@link CoeException.Reason#NOT_FOUND}.
 */
public interface ManifestObjects
{
    /**
     * Creates an object.
     *
     * @param kind     what the manifest must describe
     * @param manifest the manifest
     * @return the object as the COE stored it
     */
    CoeObject create(ObjectKind kind, Manifest manifest);

    /**
     * Lists the objects of one kind.
     *
     * @param kind the kind
     * @return the objects, in the COE's order
     */
    List<CoeObject> list(ObjectKind kind);

    /**
     * Reads one object.
     *
     * @param kind the kind
     * @param name its name (or its uid)
     * @return the object, empty when there is none
     */
    Optional<CoeObject> get(ObjectKind kind, String name);

    /**
     * Replaces an object with a new manifest, whose name must be the object's.
     *
     * @param kind     the kind
     * @param name     the object's name
     * @param manifest the new manifest
     * @return the object as the COE stored it
     */
    CoeObject replace(ObjectKind kind, String name, Manifest manifest);

    /**
     * Applies a JSON merge patch (RFC 7386; YAML is accepted too) to an object, such as
     * <code>{"spec":{"replicas":2}}</code>.
     *
     * @param kind  the kind
     * @param name  the object's name
     * @param patch the patch
     * @return the object as the COE stored it
     */
    CoeObject patch(ObjectKind kind, String name, Manifest patch);

    /**
     * Deletes an object.
     *
     * @param kind the kind
     * @param name its name
     * @return true if it existed
     */
    boolean delete(ObjectKind kind, String name);
}
