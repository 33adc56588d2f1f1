package io.magnum.spi.cloud;

/**
 * Heat refused a create or update request (its 400): the template does not parse or validate, a parameter is
 * missing or breaks a constraint, a resource type is unknown. The message is Heat's.
 */
public class InvalidStackException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InvalidStackException(String message)
    {
        super(message);
    }
}
