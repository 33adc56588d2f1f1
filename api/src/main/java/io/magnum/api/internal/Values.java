package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Conversions between Magnum's wire forms and Java values. */
public final class Values
{
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_SHOWN = 120;

    private Values()
    {
    }

    /**
     * @param instant a time, or null
     * @return Magnum's form, {@code 2015-09-22T20:02:39+00:00}, or null
     */
    public static String timestamp(Instant instant)
    {
        return instant == null ? null : TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Reads a boolean as oslo's strict {@code bool_from_string} does.
     *
     * @param text the text
     * @return the boolean, or null when the text is not one
     */
    public static Boolean bool(String text)
    {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "t", "true", "on", "y", "yes" -> Boolean.TRUE;
            case "0", "f", "false", "off", "n", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Reads labels: a JSON object of scalars, or a string holding a JSON or Python dict literal (what
     * {@code magnum cluster-template-update ... replace labels=a=b} sends), or {@code key=value,key=value}.
     *
     * @param value the value
     * @return the labels, values as strings
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Map<String, String> labels(JsonNode value)
    {
        if (value.isObject()) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                JsonNode v = entry.getValue();
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException("Label " + entry.getKey() + " must have a string, number or"
                            + " boolean value, not " + Json.kind(v) + ".");
                }
                labels.put(entry.getKey(), v.asText());
            }
            return labels;
        }
        if (value.isTextual()) {
            return labels(value.textValue());
        }
        throw new IllegalArgumentException("Wrong type. Expected an object of labels, got " + Json.kind(value) + ".");
    }

    /**
     * @param text {@code {'a': 'b'}}, {@code {"a": "b"}} or {@code a=b,c=d}
     * @return the labels
     * @throws IllegalArgumentException when the text is none of those
     */
    public static Map<String, String> labels(String text)
    {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (trimmed.startsWith("{")) {
            return new DictLiteral(trimmed).parse();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : trimmed.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Labels must be an object, a dict literal such as {'key': 'value'},"
                        + " or key=value pairs separated by commas.");
            }
            labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return labels;
    }

    /**
     * @param text any text
     * @return the text, cut to a length fit for a message
     */
    public static String abbreviate(String text)
    {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    /** A reader of flat dict literals with string keys and scalar values, in JSON's or Python's spelling. */
    private static final class DictLiteral
    {
        private final String text;
        private int at;

        DictLiteral(String text)
        {
            this.text = text;
        }

        Map<String, String> parse()
        {
            Map<String, String> labels = new LinkedHashMap<>();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                at++;
                return end(labels);
            }
            while (true) {
                skipSpace();
                String key = quoted();
                skipSpace();
                expect(':');
                skipSpace();
                labels.put(key, scalar());
                skipSpace();
                char next = next();
                if (next == '}') {
                    return end(labels);
                }
                if (next != ',') {
                    throw fail("expected ',' or '}'");
                }
                skipSpace();
                if (peek() == '}') {
                    at++;
                    return end(labels);
                }
            }
        }

        private Map<String, String> end(Map<String, String> labels)
        {
            skipSpace();
            if (at != text.length()) {
                throw fail("unexpected text after '}'");
            }
            return labels;
        }

        private String scalar()
        {
            char c = peek();
            if (c == '\'' || c == '"') {
                return quoted();
            }
            int start = at;
            while (at < text.length() && ",} \t\r\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String word = text.substring(start, at);
            if (word.isEmpty()) {
                throw fail("expected a value");
            }
            return switch (word) {
                case "True", "true" -> "true";
                case "False", "false" -> "false";
                default -> {
                    if (!word.matches("-?[0-9]+(\\.[0-9]+)?")) {
                        throw fail("'" + word + "' is not a string, number or boolean");
                    }
                    yield word;
                }
            };
        }

        private String quoted()
        {
            char quote = next();
            if (quote != '\'' && quote != '"') {
                throw fail("expected a quoted string");
            }
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw fail("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == quote) {
                    return out.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        throw fail("unterminated string");
                    }
                    char escaped = text.charAt(at++);
                    out.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> escaped;
                    });
                }
                else {
                    out.append(c);
                }
            }
        }

        private void expect(char c)
        {
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private char next()
        {
            if (at >= text.length()) {
                throw fail("unexpected end");
            }
            return text.charAt(at++);
        }

        private char peek()
        {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void skipSpace()
        {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException fail(String what)
        {
            return new IllegalArgumentException("Labels '" + abbreviate(text) + "' are not a dict literal: " + what
                    + " at character " + (at + 1) + ".");
        }
    }
}
