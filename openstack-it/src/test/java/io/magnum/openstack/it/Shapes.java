package io.magnum.openstack.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is compared of Heat's words between two clouds: their shape. Names and ids that differ by nature from one run
 * (or one cloud) to the next are replaced by placeholders: the stack's own name by {@code <stack>}, uuids by
 * {@code <uuid>}, the random part of a nested stack's name ({@code <stack>-nodes-7gxkq2m4rpvz}) by {@code <id>},
 * 32 hex digits (the discovery token) by {@code <hex32>}. Nothing else is touched.
 */
final class Shapes
{
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HEX32 = Pattern.compile("(?<![0-9a-zA-Z])[0-9a-fA-F]{32}(?![0-9a-zA-Z])");
    private static final Pattern NESTED = Pattern.compile("(<stack>(?:-[A-Za-z0-9_]+-<id>)*-[A-Za-z0-9_]+)-[a-z0-9]{11,12}(?![a-z0-9])");

    private Shapes()
    {
    }

    /**
     * @param text      what Heat said
     * @param stackName the stack's name
     * @return its shape
     */
    static String of(Object text, String stackName)
    {
        if (text == null) {
            return "null";
        }
        String shape = String.valueOf(text);
        if (stackName != null && !stackName.isEmpty()) {
            shape = shape.replace(stackName, "<stack>");
        }
        shape = UUID.matcher(shape).replaceAll("<uuid>");
        shape = HEX32.matcher(shape).replaceAll("<hex32>");
        while (true) {
            Matcher nested = NESTED.matcher(shape);
            String next = nested.replaceAll("$1-<id>");
            if (next.equals(shape)) {
                return shape;
            }
            shape = next;
        }
    }
}
