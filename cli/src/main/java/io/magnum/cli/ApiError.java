package io.magnum.cli;

/**
 * The API answered with an error status. Its text is what python-magnumclient shows for one:
 * {@code <message> (HTTP <status>)}, where the message is the error body's {@code detail}.
 */
final class ApiError extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;

    /**
     * @param status the HTTP status
     * @param detail the server's message, one line
     */
    ApiError(int status, String detail)
    {
        super(detail + " (HTTP " + status + ")");
        this.status = status;
        this.detail = detail;
    }

    /** @return the HTTP status */
    int status()
    {
        return status;
    }

    /** @return the server's message, without the status */
    String detail()
    {
        return detail;
    }
}
