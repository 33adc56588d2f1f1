package io.magnum.engine.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.magnum.spi.coe.CoeException;

/** The container-create arguments Docker takes as text in Magnum: the command line and the memory limit. */
final class ContainerArgs
{
    /** docker-py's {@code parse_bytes}: a whole number, then b, k, m or g (an optional trailing b, as in "mb"). */
    private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*([bkmg]?)b?");

    private ContainerArgs()
    {
    }

    /**
     * Splits a command line on blanks. Quotes group words as a POSIX shell does ({@code sh -c "echo hi"} is three
     * words), as docker-py's {@code shlex} split does for Magnum; a backslash outside single quotes escapes the next
     * character.
     *
     * @param line  the command line
     * @param field the input field, for the error
     * @return the words, empty for a blank line
     * @throws CoeException {@code INVALID} naming the field when a quote is not closed
     */
    static List<String> split(String line, String field)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\\' && i + 1 < line.length() && (quote == 0 || "\"\\$`".indexOf(line.charAt(i + 1)) >= 0)) {
                word.append(line.charAt(++i));
                inWord = true;
            }
            else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw CoeException.invalid(field, "the " + field + " has an unclosed " + quote + " quote: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /**
     * Reads a memory limit as Magnum's {@code --memory <number><unit>}: {@code 512m}, {@code 1g}, {@code 64k},
     * {@code 1048576} (bytes); units b, k, m, g are powers of 1024, upper or lower case.
     *
     * @param text the limit
     * @return bytes, more than zero
     * @throws CoeException {@code INVALID} naming {@code memory} otherwise
     */
    static long memoryBytes(String text)
    {
        Matcher m = MEMORY.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CoeException.invalid("memory", "memory must be a number with an optional unit b, k, m or g "
                    + "(such as 512m), not '" + text + "'");
        }
        long scale = switch (m.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), scale);
            if (bytes <= 0) {
                throw CoeException.invalid("memory", "memory must be more than zero, not '" + text + "'");
            }
            return bytes;
        }
        catch (ArithmeticException | NumberFormatException e) {
            throw CoeException.invalid("memory", "memory is too large: '" + text + "'");
        }
    }
}
