package io.magnum.core.quota;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jooq.exception.DataAccessException;

import io.magnum.ConflictException;
import io.magnum.InvalidInputException;
import io.magnum.NotFoundException;
import io.magnum.QuotaExceededException;
import io.magnum.RequestContext;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.policy.Policy;
import io.magnum.core.store.QuotaStore;
import io.magnum.core.store.StoreErrors;
import io.magnum.model.Quota;
import io.magnum.spi.FieldViolation;

/**
 * Quotas behind the facade, with Magnum's policy ({@code quota:create/update/delete/get_all} admin only,
 * {@code quota:get} admin or owner) and the check a bay create makes.
 */
@Singleton
public final class QuotaService
{
    private static final int MAX_PROJECT_ID = 255;

    private final QuotaStore quotas;
    private final int defaultLimit;
    private final Clock clock;

    @Inject
    public QuotaService(QuotaStore quotas, MagnumConfig config, Clock clock)
    {
        this.quotas = quotas;
        this.defaultLimit = config.maxBaysPerProject();
        this.clock = clock;
    }

    public Quota create(RequestContext context, String projectId, String resource, int hardLimit)
    {
        Policy.requireAdmin(context, "create quotas");
        check(projectId, resource, hardLimit);
        try {
            return quotas.insert(projectId, resource, hardLimit, clock.instant());
        }
        catch (DataAccessException e) {
            if (StoreErrors.isConstraintViolation(e)) {
                throw new ConflictException("Quota for project " + projectId + " already exists for resource "
                        + resource + "; update it instead");
            }
            throw e;
        }
    }

    public Quota get(RequestContext context, String projectId, String resource)
    {
        checkKey(projectId, resource);
        Policy.requireOwnerOrAdmin(context, projectId, "see the quotas of project " + projectId);
        return quotas.find(projectId, resource)
                .orElseGet(() -> new Quota(null, projectId, resource, defaultLimit, null, null));
    }

    public List<Quota> list(RequestContext context, boolean allProjects)
    {
        Policy.requireAdmin(context, "list quotas");
        return quotas.list(allProjects ? null : context.projectId());
    }

    public Quota update(RequestContext context, String projectId, String resource, int hardLimit)
    {
        Policy.requireAdmin(context, "update quotas");
        check(projectId, resource, hardLimit);
        if (!quotas.update(projectId, resource, hardLimit, clock.instant())) {
            throw notFound(projectId, resource);
        }
        return quotas.find(projectId, resource).orElseThrow(() -> notFound(projectId, resource));
    }

    public void delete(RequestContext context, String projectId, String resource)
    {
        Policy.requireAdmin(context, "delete quotas");
        checkKey(projectId, resource);
        if (!quotas.delete(projectId, resource)) {
            throw notFound(projectId, resource);
        }
    }

    /**
     * Refuses a bay create that would take the project past its limit. Two creates racing for the last place may
     * both pass, as in Magnum, whose check is a count too.
     *
     * @param projectId the project about to get a bay
     * @throws QuotaExceededException when the project holds its limit already
     */
    public void checkBayCreate(String projectId)
    {
        int limit = quotas.find(projectId, Quota.CLUSTER).map(Quota::hardLimit).orElse(defaultLimit);
        if (quotas.bayCount(projectId) >= limit) {
            throw new QuotaExceededException("You have reached the maximum bays per project, " + limit
                    + ". You may delete a bay to make room for a new one.", limit);
        }
    }

    private static void check(String projectId, String resource, int hardLimit)
    {
        List<FieldViolation> errors = keyViolations(projectId, resource);
        if (hardLimit < 0) {
            errors.add(new FieldViolation("hard_limit", "hard_limit must be 0 or more, not " + hardLimit));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkKey(String projectId, String resource)
    {
        List<FieldViolation> errors = keyViolations(projectId, resource);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static List<FieldViolation> keyViolations(String projectId, String resource)
    {
        List<FieldViolation> errors = new ArrayList<>();
        if (projectId == null || projectId.isBlank() || projectId.length() > MAX_PROJECT_ID) {
            errors.add(new FieldViolation("project_id", "project_id is required, 1 to " + MAX_PROJECT_ID
                    + " characters"));
        }
        if (!Quota.CLUSTER.equals(resource)) {
            errors.add(new FieldViolation("resource", "resource '" + resource + "' is not one that has quotas; the"
                    + " only one is '" + Quota.CLUSTER + "'"));
        }
        return errors;
    }

    private static NotFoundException notFound(String projectId, String resource)
    {
        return new NotFoundException("Quota for project " + projectId + " and resource " + resource
                + " could not be found.");
    }
}
