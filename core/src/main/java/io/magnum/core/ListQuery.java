package io.magnum.core;

import io.magnum.InvalidInputException;
import io.magnum.model.ListOptions;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Checked list options: limit capped at {@link ListOptions#MAX_LIMIT}, a sortable key, a direction.
 *
 * @param limit      the page size
 * @param sortKey    the column to sort by
 * @param descending whether to sort descending
 * @param marker     the marker uuid, unchecked, or null
 */
public record ListQuery(int limit, String sortKey, boolean descending, String marker)
{
    /**
     * @param options  what the caller gave, or null
     * @param sortable which keys may be sorted by
     * @param keys     the sortable keys, for the message
     * @return the checked query
     * @throws InvalidInputException naming every bad option
     */
    public static ListQuery of(ListOptions options, Predicate<String> sortable, List<String> keys)
    {
        ListOptions o = options == null ? ListOptions.DEFAULT : options;
        List<FieldViolation> errors = new ArrayList<>();
        int limit = ListOptions.MAX_LIMIT;
        if (o.limit() != null) {
            if (o.limit() < 1) {
                errors.add(new FieldViolation("limit", "limit must be a positive integer, not " + o.limit()));
            }
            else {
                limit = Math.min(o.limit(), ListOptions.MAX_LIMIT);
            }
        }
        String sortKey = o.sortKey() == null ? "id" : o.sortKey();
        if (!sortable.test(sortKey)) {
            errors.add(new FieldViolation("sort_key", "sort_key '" + sortKey + "' is not a sortable field; use id or one of "
                    + keys));
        }
        String dir = o.sortDir() == null ? "asc" : o.sortDir().toLowerCase(Locale.ROOT);
        if (!dir.equals("asc") && !dir.equals("desc")) {
            errors.add(new FieldViolation("sort_dir", "sort_dir must be asc or desc, not '" + o.sortDir() + "'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ListQuery(limit, sortKey, dir.equals("desc"), o.marker());
    }
}
