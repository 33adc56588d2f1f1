package io.magnum.core.cloud.openstack;

import io.magnum.spi.cloud.CloudException;

/**
 * An OpenStack service answered with an HTTP error. A {@link CloudException}, so it is a correct answer wherever it
 * escapes; the orchestration maps 404, 400 and 409 to the contract's own exceptions.
 */
public final class OpenStackHttpException extends CloudException
{
    private static final long serialVersionUID = 1L;

    private final OpenStackService service;
    private final int status;
    private final String detail;

    public OpenStackHttpException(OpenStackService service, int status, String detail, Throwable cause)
    {
        super(service + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
        this.service = service;
        this.status = status;
        this.detail = detail == null ? "" : detail;
    }

    /** @return the service that answered */
    public OpenStackService service()
    {
        return service;
    }

    /** @return the HTTP status */
    public int status()
    {
        return status;
    }

    /** @return the service's own message (from its JSON error body when it sent one), or empty */
    public String detail()
    {
        return detail;
    }
}
