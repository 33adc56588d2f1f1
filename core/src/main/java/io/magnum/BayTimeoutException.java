package io.magnum;

/**
 * Waiting for a bay gave up before the bay reached a stable status. The operation itself goes on.
 *
 * <pre>{@code
 * catch (BayTimeoutException e) { ... poll later with magnum.bays().get(name) ... }
 * }</pre>
 */
public class BayTimeoutException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    public BayTimeoutException(String message)
    {
        super(ErrorCode.TIMEOUT, message);
    }
}
