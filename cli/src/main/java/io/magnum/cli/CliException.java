package io.magnum.cli;

/**
 * A command that cannot go on: {@link MagnumCli} prints {@code ERROR: <message>} on standard error and exits with
 * {@link #exitCode()}. The message is one line and says what to do where it can; no stack trace is ever shown.
 */
final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** @param message what went wrong, one line */
    CliException(String message)
    {
        this(message, 1, null);
    }

    /**
     * @param message  what went wrong, one line
     * @param exitCode the process's exit status
     * @param cause    the cause, kept for {@code --debug}; may be null
     */
    CliException(String message, int exitCode, Throwable cause)
    {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the exit status the command ends with */
    int exitCode()
    {
        return exitCode;
    }
}
