package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * The tables python-magnumclient prints, as its {@code cliutils.print_list} and {@code print_dict} draw them with
 * prettytable: left-aligned, one space of padding, {@code +----+} rules above and below the header and at the end,
 * a cell with line breaks spanning several lines. Stateless.
 *
 * <pre>{@code
 * +--------------------------------------+--------+------------+-----------------+
 * | uuid                                 | name   | node_count | status          |
 * +--------------------------------------+--------+------------+-----------------+
 * | 9dccb1e6-02dc-4e2b-b897-10656c5339ce | k8sbay | 1          | CREATE_COMPLETE |
 * +--------------------------------------+--------+------------+-----------------+
 * }</pre>
 */
final class Table
{
    private Table()
    {
    }

    /**
     * {@code print_list}: one row per item, a column per field; a field an item lacks is an empty cell.
     *
     * @param items   the items (JSON objects)
     * @param columns the fields shown, in order; also the headers
     * @param sortBy  the column rows are sorted by (as the client's {@code sortby_index}), or -1 to keep the order
     * @return the table, without a trailing line break
     */
    static String list(List<JsonNode> items, List<String> columns, int sortBy)
    {
        requireNonNull(items, "items is null");
        requireNonNull(columns, "columns is null");
        List<JsonNode> rows = new ArrayList<>(items);
        if (sortBy >= 0) {
            String key = columns.get(sortBy);
            rows.sort(Comparator.comparing((JsonNode item) -> item.get(key), Table::compare));
        }
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode item : rows) {
            List<String> row = new ArrayList<>();
            for (String column : columns) {
                JsonNode value = item.get(column);
                row.add(value == null ? "" : PythonText.str(value));
            }
            cells.add(row);
        }
        return render(columns, cells);
    }

    /**
     * {@code print_dict}: a {@code Property | Value} row per field of the object, in its order, except
     * {@code links} (the client deletes them before it prints). A string holding the two characters {@code \n}
     * becomes several rows, as the client splits it.
     *
     * @param object the object
     * @return the table, without a trailing line break
     */
    static String show(JsonNode object)
    {
        requireNonNull(object, "object is null");
        List<List<String>> cells = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("links")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isTextual() && value.textValue().contains("\\n")) {
                String name = field.getKey();
                for (String line : value.textValue().strip().split("\\\\n", -1)) {
                    cells.add(List.of(name, line));
                    name = "";
                }
                continue;
            }
            cells.add(List.of(field.getKey(), PythonText.showValue(value)));
        }
        return render(List.of("Property", "Value"), cells);
    }

    /**
     * Draws a table of text cells.
     *
     * @param headers the header row
     * @param rows    the rows, each with one cell per header
     * @return the table, without a trailing line break
     */
    static String render(List<String> headers, List<List<String>> rows)
    {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        String rule = rule(widths);
        StringJoiner table = new StringJoiner("\n");
        table.add(rule);
        addRow(table, headers, widths);
        table.add(rule);
        for (List<String> row : rows) {
            addRow(table, row, widths);
        }
        table.add(rule);
        return table.toString();
    }

    /** Python's ordering of the values a column holds: numbers by value, anything else by its text. */
    private static int compare(JsonNode a, JsonNode b)
    {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return PythonText.str(a).compareTo(PythonText.str(b));
    }

    private static String rule(int[] widths)
    {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.toString();
    }

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
