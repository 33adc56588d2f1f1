package io.magnum.local.heat;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Values the way Heat (Python) turns them into text. */
final class Values
{
    private Values()
    {
    }

    /** Python's str() for scalars, JSON for lists and maps, as Heat's str_replace and list_join do. */
    static String text(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) ? BigDecimal.valueOf(d).setScale(1).toPlainString()
                    : String.valueOf(d);
        }
        if (value instanceof Map || value instanceof List) {
            return json(value);
        }
        return String.valueOf(value);
    }

    static String json(Object value)
    {
        StringBuilder out = new StringBuilder();
        writeJson(out, value);
        return out.toString();
    }

    private static void writeJson(StringBuilder out, Object value)
    {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                        else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
        else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        }
        else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> entry = it.next();
                writeJson(out, String.valueOf(entry.getKey()));
                out.append(": ");
                writeJson(out, entry.getValue());
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeJson(out, list.get(i));
            }
            out.append(']');
        }
        else {
            writeJson(out, String.valueOf(value));
        }
    }

    static String describe(Object value)
    {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }

    /** A number parameter's value: a long when integral, else a double. */
    static Number number(Object value)
    {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = String.valueOf(value).trim();
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            return Double.parseDouble(text);
        }
    }
}
