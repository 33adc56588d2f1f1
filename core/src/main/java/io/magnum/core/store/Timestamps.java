package io.magnum.core.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as the database keeps them: UTC, to the microsecond (PostgreSQL's precision). */
public final class Timestamps
{
    private Timestamps()
    {
    }

    /**
     * @param instant an instant
     * @return the column value
     */
    public static OffsetDateTime toColumn(Instant instant)
    {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /**
     * @param value a column value
     * @return the instant
     */
    public static Instant fromColumn(OffsetDateTime value)
    {
        return value == null ? null : value.toInstant();
    }
}
