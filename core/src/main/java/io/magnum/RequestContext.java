package io.magnum;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Who is calling: the project and user a request acts for, and their roles. Policy follows Magnum's: an object's
 * owner is its project; an admin may do everything; to anyone else, another project's object does not exist unless
 * it is public.
 *
 * <pre>{@code
 * Magnum alice = magnum.as(RequestContext.of("project-a", "alice"));
 * Magnum root = magnum.as(RequestContext.admin("ops", "root"));
 * }</pre>
 *
 * @param projectId the project (tenant) the caller acts in
 * @param userId    the user
 * @param roles     the caller's roles; {@code admin} makes the caller an admin
 */
public record RequestContext(String projectId, String userId, Set<String> roles)
{
    /** The role that grants admin rights. */
    public static final String ADMIN_ROLE = "admin";

    /** The context of a plain {@link Magnum}: project {@code default}, user {@code admin}, role {@code admin}. */
    public static final RequestContext DEFAULT = new RequestContext("default", "admin", Set.of(ADMIN_ROLE));

    public RequestContext
    {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        if (projectId.isBlank()) {
            throw new IllegalArgumentException("projectId is blank");
        }
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId is blank");
        }
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
    }

    /**
     * A member of a project, without roles.
     *
     * @param projectId the project
     * @param userId    the user
     * @return the context
     */
    public static RequestContext of(String projectId, String userId)
    {
        return new RequestContext(projectId, userId, Set.of());
    }

    /**
     * An admin acting in a project.
     *
     * @param projectId the project
     * @param userId    the user
     * @return the context
     */
    public static RequestContext admin(String projectId, String userId)
    {
        return new RequestContext(projectId, userId, Set.of(ADMIN_ROLE));
    }

    /** @return whether the caller has the admin role */
    public boolean isAdmin()
    {
        return roles.contains(ADMIN_ROLE);
    }
}
