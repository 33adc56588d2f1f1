package io.magnum;

/**
 * A call to a bay's COE failed: the COE answered with an error ({@link ErrorCode#COE_FAILURE}), the TLS handshake
 * failed ({@link ErrorCode#COE_TLS}) or the COE could not be reached ({@link ErrorCode#COE_UNREACHABLE}). The
 * driver's exception is the cause.
 *
 * <pre>{@code
 * catch (CoeFailedException e) { if (e.code() == ErrorCode.COE_TLS) rotateCertificates(); }
 * }</pre>
 */
public class CoeFailedException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param code    one of {@code COE_FAILURE}, {@code COE_TLS}, {@code COE_UNREACHABLE}
     * @param message one line for the user
     * @param cause   the driver's exception
     */
    public CoeFailedException(ErrorCode code, String message, Throwable cause)
    {
        super(code, message, cause);
    }
}
