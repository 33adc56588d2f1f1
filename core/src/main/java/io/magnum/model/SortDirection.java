package io.magnum.model;

/** The order of a list: {@code asc} (the default) or {@code desc}, as Magnum's {@code sort_dir} takes them. */
public enum SortDirection
{
    ASC, DESC
}
