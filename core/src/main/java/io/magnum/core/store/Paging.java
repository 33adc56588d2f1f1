package io.magnum.core.store;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;

import org.jooq.Result;
import java.util.Set;

/**
 * Keyset paging as Magnum's API pages: sorted by a column with the id as tie-breaker, starting after a marker row.
 * Nulls sort first ascending and last descending, so a descending page is the exact reverse of an ascending one.
 */
final class Paging
{
    private Paging()
    {
    }

    static boolean sortable(Table<?> table, String column, Set<String> excluded)
    {
        return table.field(column) != null && !excluded.contains(column);
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> Result<R> page(DSLContext dsl, Table<R> table, TableField<R, Long> id,
            TableField<R, String> uuid, Condition visible, String sortColumn, boolean descending, String markerUuid,
            int limit)
    {
        Field<Object> sort = (Field<Object>) table.field(sortColumn);
        if (sort == null) {
            throw new IllegalArgumentException("no column " + sortColumn);
        }
        SortField<Object> order = descending ? sort.desc().nullsLast() : sort.asc().nullsFirst();
        SortField<Long> tieBreak = descending ? id.desc() : id.asc();
        Condition condition = visible;
        if (markerUuid != null) {
            R marker = dsl.selectFrom(table).where(uuid.eq(markerUuid)).fetchOne();
            if (marker == null) {
                return dsl.newResult(table);
            }
            condition = condition.and(after(sort, marker.get(sort), marker.get(id), id, descending));
        }
        return dsl.selectFrom(table).where(condition).orderBy(order, tieBreak).limit(limit).fetch();
    }

    private static Condition after(Field<Object> sort, Object value, Long markerId, Field<Long> id, boolean descending)
    {
        if (!descending) {
            return value == null
                    ? sort.isNull().and(id.gt(markerId)).or(sort.isNotNull())
                    : sort.gt(value).or(sort.eq(value).and(id.gt(markerId)));
        }
        return value == null
                ? sort.isNull().and(id.lt(markerId))
                : sort.lt(value).or(sort.eq(value).and(id.lt(markerId))).or(sort.isNull());
    }
}
