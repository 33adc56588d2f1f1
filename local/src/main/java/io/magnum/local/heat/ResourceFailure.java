package io.magnum.local.heat;

/** A resource could not be created, updated or deleted; the engine words it as Heat does. */
final class ResourceFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final String errorType;

    ResourceFailure(String errorType, String message)
    {
        super(message);
        this.errorType = errorType;
    }
}
