package io.magnum;

import java.util.List;

import io.magnum.model.Quota;

/**
 * Per-project limits on bays ({@code magnum quotas-*}, Magnum API 1.6). A project may hold at most its quota's
 * {@code hard_limit} bays, whatever their status; a bay create past it is refused with a
 * {@link QuotaExceededException}. Without a quota row a project has the default limit,
 * {@code Magnum.Builder#maxBaysPerProject} (20, Magnum's {@code max_clusters_per_project}). The only resource is
 * {@link Quota#CLUSTER}. Setting, changing, deleting and listing quotas needs the admin role; a project may read its
 * own.
 *
 * <pre>{@code
 * Magnum admin = magnum.as(RequestContext.admin("admin-project", "admin"));
 * admin.quotas().create("7d4e...", Quota.CLUSTER, 5);
 * admin.quotas().update("7d4e...", Quota.CLUSTER, 10);
 * }</pre>
 */
public interface Quotas
{
    /**
     * @param projectId the project
     * @param resource  {@link Quota#CLUSTER}
     * @param hardLimit how many bays the project may hold, 0 or more
     * @return the quota
     * @throws InvalidInputException naming each bad field
     * @throws ConflictException     if the project has a quota on the resource already
     * @throws ForbiddenException    for a caller without the admin role
     */
    Quota create(String projectId, String resource, int hardLimit);

    /**
     * @param projectId the project
     * @param resource  {@link Quota#CLUSTER}
     * @return its quota, or the default one ({@link Quota#isDefault()}) when none is set
     * @throws ForbiddenException for another project's quota without the admin role
     */
    Quota get(String projectId, String resource);

    /**
     * @param allProjects every project's quotas, rather than the caller's project's
     * @return the quotas that are set, by id
     * @throws ForbiddenException for a caller without the admin role
     */
    List<Quota> list(boolean allProjects);

    /**
     * @param projectId the project
     * @param resource  {@link Quota#CLUSTER}
     * @param hardLimit the new limit, 0 or more; bays the project holds beyond it stay, new ones are refused
     * @return the quota
     * @throws NotFoundException  if the project has no quota on the resource
     * @throws ForbiddenException for a caller without the admin role
     */
    Quota update(String projectId, String resource, int hardLimit);

    /**
     * Deletes a quota: the project has the default limit again.
     *
     * @param projectId the project
     * @param resource  {@link Quota#CLUSTER}
     * @throws NotFoundException  if the project has no quota on the resource
     * @throws ForbiddenException for a caller without the admin role
     */
    void delete(String projectId, String resource);
}
