package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.PatchOperation;

import java.util.List;
import java.util.Optional;

/**
 * Baymodels: the templates bays are built from. Objects are addressed by uuid or by name ("ident"). Every method
 * runs as the {@link RequestContext} of the {@link Magnum} it came from, is thread-safe, and throws only
 * {@link MagnumException}s (or {@link IllegalStateException} once the instance is closed).
 *
 * <pre>{@code
 * BayModel model = magnum.bayModels().create(BayModelSpec.builder()
 *         .name("k8sbaymodel").coe("kubernetes").imageId("fedora-21-atomic-5").keypairId("testkey")
 *         .externalNetworkId("public").flavorId("m1.small").dockerVolumeSize(5).networkDriver("flannel")
 *         .build());
 * magnum.bayModels().update("k8sbaymodel", PatchOperation.parse("replace", "docker_volume_size=10"));
 * }</pre>
 */
public interface BayModels
{
    /**
     * Creates a baymodel in the caller's project after checking every rule (the COE has a driver, the image exists
     * and has an {@code os_distro} a driver supports, the keypair, flavors and external network exist, the network
     * driver suits the COE, sizes and ports are in range, the name is well-formed and free).
     *
     * @param spec what to create
     * @return the stored baymodel
     * @throws InvalidInputException naming every broken rule; nothing is stored
     * @throws ConflictException     when the project already has a baymodel of that name
     * @throws ForbiddenException    when a non-admin asks for a public baymodel
     */
    BayModel create(BayModelSpec spec);

    /**
     * Shows a baymodel.
     *
     * @param ident uuid or name
     * @return the baymodel
     * @throws NotFoundException when there is none the caller may see
     * @throws ConflictException when a name matches several baymodels (use the uuid)
     */
    BayModel get(String ident);

    /**
     * Shows a baymodel if it exists.
     *
     * @param ident uuid or name
     * @return the baymodel, or empty
     * @throws ConflictException when a name matches several baymodels
     */
    Optional<BayModel> find(String ident);

    /**
     * Every baymodel the caller may see (its project's, the public ones; all of them for an admin), oldest first.
     *
     * @return the baymodels
     */
    List<BayModel> list();

    /**
     * One page of baymodels.
     *
     * @param options limit, marker, sort key and direction
     * @return the page, with the marker of the next one when it is full
     * @throws InvalidInputException for a limit below 1, an unknown sort key or direction, an unknown marker
     */
    Page<BayModel> list(ListOptions options);

    /**
     * Changes a baymodel with Magnum's patch operations ({@code replace}, {@code add}, {@code remove} of a field).
     * The result is checked by the same rules as {@link #create}; all operations apply, or none.
     *
     * @param ident      uuid or name
     * @param operations the operations, applied in order
     * @return the updated baymodel
     * @throws InvalidInputException for an unknown or read-only field, a bad value, or a broken rule
     * @throws ConflictException     when a bay uses the baymodel (only {@code name} and {@code public} may change
     *                               then) or the new name is taken
     * @throws ForbiddenException    when the caller does not own it, or a non-admin changes {@code public}
     * @throws NotFoundException     when there is none the caller may see
     */
    BayModel update(String ident, List<PatchOperation> operations);

    /**
     * Changes a baymodel; see {@link #update(String, List)}.
     *
     * @param ident      uuid or name
     * @param operations the operations, applied in order
     * @return the updated baymodel
     */
    default BayModel update(String ident, PatchOperation... operations)
    {
        return update(ident, operations == null ? null : java.util.Arrays.asList(operations));
    }

    /**
     * Deletes a baymodel.
     *
     * @param ident uuid or name
     * @throws ConflictException  while any bay uses it
     * @throws ForbiddenException when the caller does not own it
     * @throws NotFoundException  when there is none the caller may see
     */
    void delete(String ident);
}
