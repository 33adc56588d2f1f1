package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * JSON values written the way python-magnumclient writes them, since it prints what {@code json.loads} made of the
 * API's answer with Python 3's {@code str()}: {@code None}, {@code True}/{@code False}, {@code ['a', 'b']},
 * {@code {'k': 'v'}} (in the answer's order), {@code 5}, {@code 0.5}. Stateless.
 */
final class PythonText
{
    private PythonText()
    {
    }

    /**
     * Python's {@code str()} of a decoded JSON value: what a list table's cell shows.
     *
     * @param value the value; null or missing reads as {@code None}
     * @return its text
     */
    static String str(JsonNode value)
    {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "None";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return floating(value.doubleValue());
        }
        if (value.isArray()) {
            StringJoiner list = new StringJoiner(", ", "[", "]");
            value.forEach(item -> list.add(repr(item)));
            return list.toString();
        }
        if (value.isObject()) {
            StringJoiner dict = new StringJoiner(", ", "{", "}");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                dict.add(repr(field.getKey()) + ": " + repr(field.getValue()));
            }
            return dict.toString();
        }
        return value.asText();
    }

    /**
     * What a show table's Value cell holds: {@code print_dict} writes a list as {@code str([str(i) for i in v])},
     * so its items are quoted whatever their type ({@code ['1', '2']}); everything else is {@link #str}.
     *
     * @param value the value
     * @return its text
     */
    static String showValue(JsonNode value)
    {
        if (value != null && value.isArray()) {
            StringJoiner list = new StringJoiner(", ", "[", "]");
            value.forEach(item -> list.add(repr(str(item))));
            return list.toString();
        }
        return str(value);
    }

    /** Python's {@code repr()} of a decoded JSON value. */
    static String repr(JsonNode value)
    {
        return value != null && value.isTextual() ? repr(value.textValue()) : str(value);
    }

    /**
     * Python's {@code repr()} of a string: single quotes unless the text holds a single quote and no double one,
     * backslash escapes for the quote, backslashes and control characters.
     *
     * @param text the text
     * @return its repr
     */
    static String repr(String text)
    {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder repr = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> repr.append("\\n");
                case '\r' -> repr.append("\\r");
                case '\t' -> repr.append("\\t");
                case '\\' -> repr.append("\\\\");
                default -> {
                    if (c == quote) {
                        repr.append('\\').append(c);
                    }
                    else if (c < 0x20 || c == 0x7f) {
                        repr.append(String.format("\\x%02x", (int) c));
                    }
                    else {
                        repr.append(c);
                    }
                }
            }
        }
        return repr.append(quote).toString();
    }

    /**
     * {@code json.dumps(value)} with Python's defaults: {@code ", "} and {@code ": "} separators, non-ASCII as
     * backslash-u escapes of four hex digits, on one line.
     *
     * @param value the value
     * @return the JSON text
     */
    static String dumps(JsonNode value)
    {
        StringBuilder json = new StringBuilder();
        dump(value, json);
        return json.toString();
    }

    private static void dump(JsonNode value, StringBuilder json)
    {
        if (value == null || value.isNull() || value.isMissingNode()) {
            json.append("null");
        }
        else if (value.isTextual()) {
            quote(value.textValue(), json);
        }
        else if (value.isBoolean()) {
            json.append(value.booleanValue());
        }
        else if (value.isIntegralNumber()) {
            json.append(value.bigIntegerValue());
        }
        else if (value.isNumber()) {
            json.append(floating(value.doubleValue()));
        }
        else if (value.isArray()) {
            json.append('[');
            for (int i = 0; i < value.size(); i++) {
                json.append(i == 0 ? "" : ", ");
                dump(value.get(i), json);
            }
            json.append(']');
        }
        else {
            json.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                json.append(first ? "" : ", ");
                first = false;
                quote(field.getKey(), json);
                json.append(": ");
                dump(field.getValue(), json);
            }
            json.append('}');
        }
    }

    private static void quote(String text, StringBuilder json)
    {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        json.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Python's repr of a float in the range it writes without an exponent; plain digits elsewhere too. */
    private static String floating(double value)
    {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
