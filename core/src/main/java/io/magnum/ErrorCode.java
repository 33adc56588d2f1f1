package io.magnum;

/**
 * What kind of failure a {@link MagnumException} reports, with the HTTP status Magnum's REST API gives it.
 */
public enum ErrorCode
{
    /** The object does not exist, or the caller may not see it. */
    NOT_FOUND(404),
    /** The request clashes with the current state: a duplicate name, an object in use, a busy bay. */
    CONFLICT(409),
    /** The request itself is wrong: a missing or malformed field, a broken rule. */
    INVALID_INPUT(400),
    /** The caller may see the object but not do this to it. */
    FORBIDDEN(403),
    /** No loaded driver can do what was asked. */
    NOT_SUPPORTED(400),
    /** A bay operation ended in a {@code *_FAILED} status (Heat's reason in the message). */
    BAY_FAILED(500),
    /** Waiting for a bay gave up before it was stable. */
    TIMEOUT(504),
    /** The cloud (Heat, Nova, Glance, Neutron, Keystone) could not answer. */
    CLOUD_FAILURE(503),
    /** The bay's COE answered with an error (Magnum's {@code KubernetesAPIFailed}, a Docker or Marathon error). */
    COE_FAILURE(500),
    /** The TLS handshake with the bay's COE failed: it refused our client certificate, or we refused its one. */
    COE_TLS(502),
    /** The bay's COE API could not be reached. */
    COE_UNREACHABLE(503),
    /** The database failed. */
    STORE_FAILURE(500),
    /** A fault inside magnum4j; the message and the cause say what. */
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus)
    {
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status Magnum's API answers with for this kind of failure */
    public int httpStatus()
    {
        return httpStatus;
    }
}
