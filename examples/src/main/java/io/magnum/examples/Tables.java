package io.magnum.examples;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Renders tables the way the python {@code magnum} client prints them (prettytable, left-aligned, {@code +---+}
 * borders), and values the way Python writes them ({@code None}, {@code True}, {@code {'k': 'v'}}).
 *
 * <pre>{@code
 * System.out.println(Tables.list(List.of("uuid", "name"), List.of(List.of(model.uuid(), model.name()))));
 * System.out.println(Tables.show(model.attributes()));
 * }</pre>
 *
 * <p>A cell holding line breaks spans several lines, as in prettytable. The returned text has no trailing newline.
 */
public final class Tables
{
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private Tables()
    {
    }

    /**
     * A list table, as {@code baymodel-list} prints it: a header row, then one row per item.
     *
     * @param columns the column headers
     * @param rows    the rows, each with one value per column; values are written with {@link #text(Object)}
     * @return the table
     * @throws IllegalArgumentException when a row does not have one value per column, or there are no columns
     */
    public static String list(List<String> columns, List<? extends List<?>> rows)
    {
        requireNonNull(columns, "columns is null");
        requireNonNull(rows, "rows is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        List<List<String>> cells = new ArrayList<>();
        for (List<?> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " values for "
                        + columns.size() + " columns " + columns);
            }
            cells.add(row.stream().map(Tables::text).toList());
        }

        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(columns.get(i));
            for (List<String> row : cells) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }

        String rule = rule(widths);
        StringJoiner table = new StringJoiner("\n");
        table.add(rule);
        addRow(table, columns, widths);
        table.add(rule);
        for (List<String> row : cells) {
            addRow(table, row, widths);
        }
        table.add(rule);
        return table.toString();
    }

    /**
     * A show table, as {@code baymodel-show} prints it: one {@code Property | Value} row per entry, in the map's order.
     *
     * @param properties name to value; values are written with {@link #text(Object)}
     * @return the table
     */
    public static String show(Map<String, ?> properties)
    {
        requireNonNull(properties, "properties is null");
        List<List<?>> rows = new ArrayList<>();
        properties.forEach((name, value) -> rows.add(Arrays.asList(name, value)));
        return list(List.of("Property", "Value"), rows);
    }

    /**
     * A value as the python client prints it: {@code None} for null, {@code True}/{@code False}, maps as a Python
     * dict ({@code {'k': 'v'}}, keys sorted), collections as a Python list, timestamps as Magnum's API gives them
     * ({@code 2015-09-22T20:02:39+00:00}), anything else with {@code toString()}.
     *
     * @param value the value, or null
     * @return its text
     */
    public static String text(Object value)
    {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(instant);
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner dict = new StringJoiner(", ", "{", "}");
            // sorted, so the same map always prints the same way
            sortedByKey(map).forEach((k, v) -> dict.add(repr(k) + ": " + repr(v)));
            return dict.toString();
        }
        if (value instanceof Collection<?> collection) {
            StringJoiner list = new StringJoiner(", ", "[", "]");
            collection.forEach(item -> list.add(repr(item)));
            return list.toString();
        }
        return value.toString();
    }

    /** Python's repr: strings quoted, everything else as {@link #text(Object)} writes it. */
    private static String repr(Object value)
    {
        if (!(value instanceof String string)) {
            return text(value);
        }
        // Python quotes with ' unless the string holds a ' and no "
        char quote = string.indexOf('\'') >= 0 && string.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder repr = new StringBuilder().append(quote);
        for (char c : string.toCharArray()) {
            switch (c) {
                case '\n' -> repr.append("\\n");
                case '\r' -> repr.append("\\r");
                case '\t' -> repr.append("\\t");
                case '\\' -> repr.append("\\\\");
                default -> repr.append(c == quote ? "\\" + c : String.valueOf(c));
            }
        }
        return repr.append(quote).toString();
    }

    private static Map<String, Object> sortedByKey(Map<?, ?> map)
    {
        Map<String, Object> keyed = new TreeMap<>();
        map.forEach((k, v) -> keyed.put(String.valueOf(k), v));
        return keyed;
    }

    private static String rule(int[] widths)
    {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.toString();
    }

    /** Adds one row, as several lines when a cell holds line breaks. */
    private static void addRow(StringJoiner table, List<String> cells, int[] widths)
    {
        List<String[]> split = cells.stream().map(cell -> cell.split("\\R", -1)).toList();
        int height = split.stream().mapToInt(lines -> lines.length).max().orElse(1);
        for (int l = 0; l < height; l++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < widths.length; i++) {
                String[] lines = split.get(i);
                String text = l < lines.length ? lines[l] : "";
                line.append(' ').append(text).append(" ".repeat(widths[i] - codePoints(text))).append(" |");
            }
            table.add(line.toString());
        }
    }

    /** The width of a cell: that of its longest line. */
    private static int width(String cell)
    {
        int width = 0;
        for (String line : cell.split("\\R", -1)) {
            width = Math.max(width, codePoints(line));
        }
        return width;
    }

    private static int codePoints(String text)
    {
        return text.codePointCount(0, text.length());
    }
}
