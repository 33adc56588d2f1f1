package io.magnum.core.coe;

import io.magnum.CoeFailedException;
import io.magnum.ConflictException;
import io.magnum.ErrorCode;
import io.magnum.InvalidInputException;
import io.magnum.MagnumException;
import io.magnum.NotFoundException;
import io.magnum.NotSupportedException;
import io.magnum.spi.coe.CoeException;

/** Turns a driver's {@link CoeException} into the facade's typed errors, keeping it as the cause. */
public final class CoeErrors
{
    private CoeErrors()
    {
    }

    /**
     * @param e the driver's exception
     * @return the typed error
     */
    public static MagnumException translate(CoeException e)
    {
        String message = e.getMessage();
        return switch (e.reason()) {
            case NOT_FOUND -> new NotFoundException(message, e);
            case CONFLICT -> new ConflictException(message, e);
            case INVALID -> new InvalidInputException(
                    java.util.List.of(new io.magnum.spi.FieldViolation(e.field().orElse("manifest"), message)), e);
            case UNSUPPORTED -> new NotSupportedException(message, e);
            case TLS -> new CoeFailedException(ErrorCode.COE_TLS, "TLS with the bay's COE failed: " + message, e);
            case UNREACHABLE -> new CoeFailedException(ErrorCode.COE_UNREACHABLE,
                    "The bay's COE could not be reached: " + message, e);
            case FAILED -> new CoeFailedException(ErrorCode.COE_FAILURE, "The bay's COE failed: " + message, e);
        };
    }
}
