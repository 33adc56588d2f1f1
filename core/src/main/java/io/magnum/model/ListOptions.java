package io.magnum.model;

/**
 * How to page and sort a list, as Magnum's API takes it: {@code limit} (1 to 1000; larger is capped at 1000),
 * {@code marker} (the uuid of the last item of the previous page), {@code sort_key} (a field name; default
 * {@code id}, the order of creation) and {@code sort_dir} ({@code asc} or {@code desc}). Unset means default.
 * Values are checked by the list call, which names a bad one.
 *
 * <pre>{@code
 * Page<BayModel> first = magnum.bayModels().list(ListOptions.builder().limit(10).sortKey("name").build());
 * Page<BayModel> next = magnum.bayModels().list(ListOptions.builder().limit(10).sortKey("name")
 *         .marker(first.nextMarker().orElseThrow()).build());
 * }</pre>
 *
 * @param limit   the page size, or null for the maximum
 * @param marker  the uuid after which the page starts, or null
 * @param sortKey the field to sort by, or null for {@code id}
 * @param sortDir {@code asc} or {@code desc} (any case), or null for {@code asc}
 */
public record ListOptions(Integer limit, String marker, String sortKey, String sortDir)
{
    /** The largest page: Magnum's {@code [api] max_limit}. */
    public static final int MAX_LIMIT = 1000;

    /** Everything, in creation order. */
    public static final ListOptions DEFAULT = new ListOptions(null, null, null, null);

    /** @return a builder of default options */
    public static Builder builder()
    {
        return new Builder();
    }

    /** Builds {@link ListOptions}. Not thread-safe. */
    public static final class Builder
    {
        private Integer limit;
        private String marker;
        private String sortKey;
        private String sortDir;

        private Builder()
        {
        }

        /** @param limit the page size @return this */
        public Builder limit(Integer limit)
        {
            this.limit = limit;
            return this;
        }

        /** @param marker the uuid of the previous page's last item @return this */
        public Builder marker(String marker)
        {
            this.marker = marker;
            return this;
        }

        /** @param sortKey the field to sort by @return this */
        public Builder sortKey(String sortKey)
        {
            this.sortKey = sortKey;
            return this;
        }

        /** @param sortDir {@code asc} or {@code desc} @return this */
        public Builder sortDir(String sortDir)
        {
            this.sortDir = sortDir;
            return this;
        }

        /** @param direction the direction @return this */
        public Builder sortDir(SortDirection direction)
        {
            this.sortDir = direction == null ? null : direction.name().toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /** @return the options */
        public ListOptions build()
        {
            return new ListOptions(limit, marker, sortKey, sortDir);
        }
    }
}
