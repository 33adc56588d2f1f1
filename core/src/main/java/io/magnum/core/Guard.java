package io.magnum.core;

import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.spi.cloud.CloudException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The facade's boundary: refuses calls after close and turns every failure of the layers below into a typed
 * {@link MagnumException}, keeping the original as the cause.
 */
public final class Guard
{
    private static final Logger log = LoggerFactory.getLogger(Guard.class);

    private final MagnumRuntime runtime;

    Guard(MagnumRuntime runtime)
    {
        this.runtime = runtime;
    }

    /**
     * Runs a facade call.
     *
     * @param what the call, for messages ("create baymodel")
     * @param body the work
     * @param <T>  the result type
     * @return the result
     */
    public <T> T call(String what, Supplier<T> body)
    {
        runtime.ensureOpen();
        try {
            return body.get();
        }
        catch (MagnumException e) {
            throw e;
        }
        catch (DataAccessException e) {
            log.error("Database failure during {}", what, e);
            throw new MagnumException(ErrorCode.STORE_FAILURE, "The database failed during " + what + ": "
                    + firstLine(e.getMessage()), e);
        }
        catch (io.magnum.spi.coe.CoeException e) {
            throw io.magnum.core.coe.CoeErrors.translate(e);
        }
        catch (CloudException e) {
            log.warn("Cloud failure during {}: {}", what, e.getMessage());
            throw new MagnumException(ErrorCode.CLOUD_FAILURE, "The cloud failed during " + what + ": "
                    + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            log.error("Internal failure during {}", what, e);
            throw new MagnumException(ErrorCode.INTERNAL, "Internal error during " + what + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), e);
        }
    }

    /**
     * Runs a facade call without a result.
     *
     * @param what the call
     * @param body the work
     */
    public void run(String what, Runnable body)
    {
        call(what, () -> {
            body.run();
            return null;
        });
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
