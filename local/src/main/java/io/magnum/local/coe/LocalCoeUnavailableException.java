package io.magnum.local.coe;

/** This machine cannot serve a COE's API: what it needs (such as a Docker engine) is missing. */
public class LocalCoeUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is missing */
    public LocalCoeUnavailableException(String message)
    {
        super(message);
    }
}
