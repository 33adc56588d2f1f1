package io.magnum.core.store;

import org.jooq.exception.DataAccessException;

import java.sql.SQLException;

/** Reads what kind of failure a database exception is. */
public final class StoreErrors
{
    private StoreErrors()
    {
    }

    /**
     * @param e a database failure
     * @return whether it is a unique or foreign key violation (SQL state class 23), the same on H2 and PostgreSQL
     */
    public static boolean isConstraintViolation(DataAccessException e)
    {
        String state = e.sqlState();
        if (state == null) {
            SQLException sql = e.getCause(SQLException.class);
            state = sql == null ? null : sql.getSQLState();
        }
        return state != null && state.startsWith("23");
    }
}
