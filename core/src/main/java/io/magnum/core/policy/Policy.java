package io.magnum.core.policy;

import io.magnum.ForbiddenException;
import io.magnum.RequestContext;

/**
 * Magnum's policy, in code: {@code admin_or_owner} for every object (the owner is the object's project),
 * {@code admin_api} for publishing baymodels and listing services.
 */
public final class Policy
{
    private Policy()
    {
    }

    /**
     * @param context   the caller
     * @param projectId the object's project
     * @param isPublic  whether the object is shared with every project
     * @return whether the caller may see the object; to everyone else it does not exist
     */
    public static boolean canSee(RequestContext context, String projectId, boolean isPublic)
    {
        return isPublic || isOwnerOrAdmin(context, projectId);
    }

    /**
     * @param context   the caller
     * @param projectId the object's project
     * @return whether the caller owns the object or is an admin
     */
    public static boolean isOwnerOrAdmin(RequestContext context, String projectId)
    {
        return context.isAdmin() || context.projectId().equals(projectId);
    }

    /**
     * @param context   the caller
     * @param projectId the object's project
     * @param action    what the caller tries, for the message ("delete baymodel k8sbaymodel")
     * @throws ForbiddenException unless the caller owns the object or is an admin
     */
    public static void requireOwnerOrAdmin(RequestContext context, String projectId, String action)
    {
        if (!isOwnerOrAdmin(context, projectId)) {
            throw new ForbiddenException("Not allowed to " + action + ": it belongs to another project");
        }
    }

    /**
     * @param context the caller
     * @param action  what the caller tries, for the message
     * @throws ForbiddenException unless the caller is an admin
     */
    public static void requireAdmin(RequestContext context, String action)
    {
        if (!context.isAdmin()) {
            throw new ForbiddenException("Only an admin may " + action);
        }
    }

    /**
     * @param context the caller
     * @return the project whose objects the caller lists, or null for every project (an admin)
     */
    public static String listScope(RequestContext context)
    {
        return context.isAdmin() ? null : context.projectId();
    }
}
