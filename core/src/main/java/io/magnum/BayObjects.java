package io.magnum;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one kind on a Kubernetes bay ({@code pod-*}, {@code coe-service-*}, {@code rc-*}), read from and
 * written to the bay's Kubernetes API, which is their source of truth. The bay must be {@code CREATE_COMPLETE} or
 * {@code UPDATE_COMPLETE}.
 *
 * <p>A manifest is YAML, or JSON when it starts with <code>{</code>. A manifest that cannot be parsed, has no
 * {@code kind}, describes another kind or names an {@code apiVersion} the bay does not take is refused with an
 * {@link InvalidInputException} on field {@code manifest}. Objects are addressed by name or uid.
 *
 * @param <T> the object type
 */
public interface BayObjects<T>
{
    /**
     * Creates an object from a manifest ({@code pod-create --manifest ./redis-master.yaml --bay k8sbay}).
     *
     * @param bay      the bay's uuid or name
     * @param manifest the manifest text
     * @return the object as the COE stored it
     * @throws ConflictException if the name is taken or the bay is not complete
     */
    T create(String bay, String manifest);

    /**
     * Creates an object from a manifest file.
     *
     * @param bay      the bay's uuid or name
     * @param manifest the file
     * @return the object
     * @throws InvalidInputException (field {@code manifest}) if the file cannot be read
     */
    T create(String bay, Path manifest);

    /**
     * Creates an object from the manifest at a URL ({@code pod-create --manifest-url}). Only http and https are
     * read; the manifest must come back with a 2xx status within 30 s and be at most 1 MiB of UTF-8.
     *
     * @param bay         the bay's uuid or name
     * @param manifestUrl the manifest's http(s) URL
     * @return the object
     * @throws InvalidInputException (field {@code manifest_url}) if the URL is refused or cannot be read
     */
    T createFromUrl(String bay, String manifestUrl);

    /**
     * @param bay the bay's uuid or name
     * @return every object of this kind on the bay
     */
    List<T> list(String bay);

    /**
     * @param bay   the bay's uuid or name
     * @param ident the object's name or uid
     * @return the object
     * @throws NotFoundException if there is none
     */
    T get(String bay, String ident);

    /**
     * @param bay   the bay's uuid or name
     * @param ident the object's name or uid
     * @return the object, or empty
     */
    Optional<T> find(String bay, String ident);

    /**
     * Replaces an object with a new manifest of the same name ({@code pod-update}).
     *
     * @param bay      the bay's uuid or name
     * @param ident    the object's name or uid
     * @param manifest the new manifest
     * @return the object as the COE stored it
     */
    T update(String bay, String ident, String manifest);

    /**
     * Replaces an object with the manifest at a URL, read as {@link #createFromUrl} reads it.
     *
     * @param bay         the bay's uuid or name
     * @param ident       the object's name or uid
     * @param manifestUrl the new manifest's http(s) URL
     * @return the object as the COE stored it
     * @throws InvalidInputException (field {@code manifest_url}) if the URL is refused or cannot be read
     */
    T updateFromUrl(String bay, String ident, String manifestUrl);

    /**
     * Changes part of an object with a JSON merge patch (YAML accepted), such as <code>{"spec":{"replicas":2}}</code>.
     *
     * @param bay   the bay's uuid or name
     * @param ident the object's name or uid
     * @param patch the patch
     * @return the object as the COE stored it
     */
    T patch(String bay, String ident, String patch);

    /**
     * @param bay   the bay's uuid or name
     * @param ident the object's name or uid
     * @throws NotFoundException if there is none
     */
    void delete(String bay, String ident);
}
