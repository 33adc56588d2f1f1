package io.magnum.spi.cloud;

/** No stack has that id or name (Heat's 404). */
public class StackNotFoundException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public StackNotFoundException(String idOrName)
    {
        super("The Stack (" + idOrName + ") could not be found.");
    }
}
