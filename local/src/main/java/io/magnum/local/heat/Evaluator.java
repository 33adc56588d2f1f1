package io.magnum.local.heat;

import io.magnum.spi.cloud.InvalidStackException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** HOT's intrinsic functions, as each template version defines them. */
final class Evaluator
{
    /** What functions read: parameters, resources, conditions, files, the parent's definition. */
    interface Scope
    {
        Object param(String name);

        Object resourceRef(String name);

        Object resourceAttr(String name, String attribute, List<?> path);

        Map<String, Object> allAttributes(String name);

        boolean condition(String name);

        String file(String path);

        Object facade(String section);

        boolean hasResource(String name);
    }

    private static final List<String> BASE = List.of("get_attr", "get_file", "get_param", "get_resource",
            "list_join", "resource_facade", "str_replace");
    private static final Set<String> UNSUPPORTED = Set.of("yaql", "map_replace", "str_replace_strict",
            "str_replace_vstrict", "filter", "make_url", "contains", "list_concat", "list_concat_unique");

    private final String version;
    private final Set<String> functions;
    private final Scope scope;

    Evaluator(String version, Scope scope)
    {
        this.version = version;
        this.scope = scope;
        this.functions = functionsOf(version);
    }

    static Set<String> functionsOf(String version)
    {
        Set<String> functions = new LinkedHashSet<>(BASE);
        if (version.compareTo("2015-04-30") >= 0) {
            functions.addAll(List.of("repeat", "digest"));
        }
        if (version.compareTo("2015-10-15") >= 0) {
            functions.add("str_split");
        }
        if (version.compareTo("2016-04-08") >= 0) {
            functions.add("map_merge");
        }
        if (version.compareTo("2016-10-14") >= 0) {
            functions.addAll(List.of("equals", "if", "not", "and", "or", "yaql", "map_replace"));
        }
        return functions;
    }

    /** @return the function name if the node is a call of this version's functions, else null */
    static String functionName(Object node, Set<String> functions)
    {
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            return functions.contains(key) ? key : null;
        }
        return null;
    }

    /** The resources a definition refers to through get_resource and get_attr. */
    static Set<String> references(Object node, String version)
    {
        Set<String> refs = new LinkedHashSet<>();
        collect(node, functionsOf(version), refs);
        return refs;
    }

    /**
     * The resources a definition must be able to reach: its references outside the branches of {@code if}, which
     * Heat evaluates only when chosen.
     */
    static Set<String> strictReferences(Object node, String version)
    {
        Set<String> refs = new LinkedHashSet<>();
        collect(node, functionsOf(version), refs, true);
        return refs;
    }

    private static void collect(Object node, Set<String> functions, Set<String> refs)
    {
        collect(node, functions, refs, false);
    }

    private static void collect(Object node, Set<String> functions, Set<String> refs, boolean skipIf)
    {
        String fn = functionName(node, functions);
        if (skipIf && "if".equals(fn)) {
            return;
        }
        if (fn != null) {
            Object arg = ((Map<?, ?>) node).values().iterator().next();
            if (fn.equals("get_resource") && arg instanceof String name) {
                refs.add(name);
            }
            else if (fn.equals("get_attr") && arg instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String name) {
                refs.add(name);
            }
            collect(arg, functions, refs, skipIf);
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, functions, refs, skipIf));
        }
        else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, functions, refs, skipIf));
        }
    }

    Object eval(Object node)
    {
        String fn = functionName(node, functions);
        if (fn == null) {
            if (node instanceof Map<?, ?> map && map.size() == 1 && UNSUPPORTED.contains(String.valueOf(map.keySet().iterator().next()))) {
                throw new InvalidStackException("LocalCloud does not support the function "
                        + map.keySet().iterator().next());
            }
            if (node instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), eval(v)));
                return out;
            }
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(eval(v)));
                return out;
            }
            return node;
        }
        Object arg = ((Map<?, ?>) node).values().iterator().next();
        return switch (fn) {
            case "get_param" -> getParam(arg);
            case "get_resource" -> {
                String name = string(eval(arg), "get_resource");
                if (!scope.hasResource(name)) {
                    throw new InvalidStackException("The specified reference \"" + name + "\" (in unknown) is incorrect.");
                }
                yield scope.resourceRef(name);
            }
            case "get_attr" -> getAttr(arg);
            case "get_file" -> {
                String path = string(eval(arg), "get_file");
                String content = scope.file(path);
                if (content == null) {
                    throw new InvalidStackException("No content found in the \"files\" section for get_file path: " + path);
                }
                yield content;
            }
            case "str_replace" -> strReplace(arg);
            case "list_join" -> listJoin(arg);
            case "resource_facade" -> scope.facade(string(eval(arg), "resource_facade"));
            case "repeat" -> repeat(arg);
            case "digest" -> digest(arg);
            case "str_split" -> strSplit(arg);
            case "map_merge" -> mapMerge(arg);
            case "equals" -> {
                List<?> args = list(eval(arg), "equals", 2);
                yield equalsValues(args.get(0), args.get(1));
            }
            case "not" -> !condition(arg);
            case "and" -> {
                boolean all = true;
                for (Object item : list(arg, "and", -1)) {
                    all &= condition(item);
                }
                yield all;
            }
            case "or" -> {
                boolean any = false;
                for (Object item : list(arg, "or", -1)) {
                    any |= condition(item);
                }
                yield any;
            }
            case "if" -> {
                List<?> args = list(arg, "if", 3);
                yield condition(args.get(0)) ? eval(args.get(1)) : eval(args.get(2));
            }
            default -> throw new InvalidStackException("LocalCloud does not support the function " + fn);
        };
    }

    /** A condition: a condition name, a boolean, or a condition function. */
    boolean condition(Object node)
    {
        if (node instanceof String name) {
            return scope.condition(name);
        }
        Object value = eval(node);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new InvalidStackException("Invalid condition: " + Values.describe(value));
    }

    private Object getParam(Object arg)
    {
        Object evaluated = eval(arg);
        List<Object> path = new ArrayList<>();
        String name;
        if (evaluated instanceof List<?> list && !list.isEmpty()) {
            name = string(list.get(0), "get_param");
            path.addAll(list.subList(1, list.size()));
        }
        else {
            name = string(evaluated, "get_param");
        }
        return walk(scope.param(name), path, "get_param " + name);
    }

    private Object getAttr(Object arg)
    {
        List<?> args = list(eval(arg), "get_attr", -1);
        if (args.isEmpty()) {
            throw new InvalidStackException("Arguments to \"get_attr\" must be of the form [resource_name, attribute, (path), ...]");
        }
        String resource = string(args.get(0), "get_attr");
        if (!scope.hasResource(resource)) {
            throw new InvalidStackException("The specified reference \"" + resource + "\" (in unknown) is incorrect.");
        }
        if (args.size() == 1) {
            if (version.compareTo("2015-10-15") < 0) {
                throw new InvalidStackException("Arguments to \"get_attr\" must be of the form [resource_name, attribute, (path), ...]");
            }
            return scope.allAttributes(resource);
        }
        String attribute = string(args.get(1), "get_attr");
        return scope.resourceAttr(resource, attribute, args.subList(2, args.size()));
    }

    static Object walk(Object value, List<?> path, String what)
    {
        Object current = value;
        for (Object step : path) {
            if (current == null) {
                return null;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(String.valueOf(step));
            }
            else if (current instanceof List<?> list) {
                int index;
                try {
                    index = (int) Values.number(step).longValue();
                }
                catch (NumberFormatException e) {
                    throw new InvalidStackException(what + ": path component '" + step + "' is not a list index");
                }
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            }
            else {
                throw new InvalidStackException(what + ": cannot follow path component '" + step + "' into "
                        + Values.describe(current));
            }
        }
        return current;
    }

    private Object strReplace(Object arg)
    {
        Map<String, Object> args = HotTemplate.mapOf(eval(arg), "str_replace");
        if (!args.containsKey("template") || !args.containsKey("params")) {
            throw new InvalidStackException("\"str_replace\" parameters must be a mapping with keys template and params");
        }
        Object template = args.get("template");
        if (!(template instanceof String text)) {
            throw new InvalidStackException("\"str_replace\" template must be a string, not " + Values.describe(template));
        }
        Map<String, Object> params = HotTemplate.mapOf(args.get("params"), "str_replace params");
        // longest keys first, so "$KEY_LONG" is not eaten by "$KEY"; one pass, so replacements are not re-replaced
        List<String> keys = new ArrayList<>(params.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < text.length()) {
            for (String key : keys) {
                if (!key.isEmpty() && text.startsWith(key, i)) {
                    out.append(Values.text(params.get(key)));
                    i += key.length();
                    continue outer;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }

    private Object listJoin(Object arg)
    {
        List<?> args = list(eval(arg), "list_join", -1);
        if (args.size() < 2) {
            throw new InvalidStackException("Incorrect arguments to \"list_join\" should be: [delimiter, [list]]");
        }
        if (args.size() > 2 && version.compareTo("2015-10-15") < 0) {
            throw new InvalidStackException("Incorrect arguments to \"list_join\" should be: [delimiter, [list]]");
        }
        String delimiter = Values.text(args.get(0));
        List<String> items = new ArrayList<>();
        for (Object list : args.subList(1, args.size())) {
            if (list == null) {
                continue;
            }
            for (Object item : list(list, "list_join", -1)) {
                items.add(Values.text(item));
            }
        }
        return String.join(delimiter, items);
    }

    private Object repeat(Object arg)
    {
        Map<String, Object> args = HotTemplate.mapOf(arg, "repeat");
        Map<String, Object> forEach = HotTemplate.mapOf(eval(args.get("for_each")), "repeat for_each");
        Object template = args.get("template");
        boolean permutations = !Boolean.FALSE.equals(args.get("permutations"));
        List<String> vars = new ArrayList<>(forEach.keySet());
        List<List<?>> lists = new ArrayList<>();
        for (String var : vars) {
            Object values = forEach.get(var);
            lists.add(values == null ? List.of() : list(values, "repeat for_each " + var, -1));
        }
        List<Map<String, Object>> combos = new ArrayList<>();
        if (permutations) {
            combos.add(new LinkedHashMap<>());
            for (int v = 0; v < vars.size(); v++) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> combo : combos) {
                    for (Object value : lists.get(v)) {
                        Map<String, Object> extended = new LinkedHashMap<>(combo);
                        extended.put(vars.get(v), value);
                        next.add(extended);
                    }
                }
                combos = next;
            }
        }
        else {
            int size = lists.isEmpty() ? 0 : lists.get(0).size();
            for (List<?> l : lists) {
                if (l.size() != size) {
                    throw new InvalidStackException("Loop variables of \"repeat\" must have the same length when permutations is false");
                }
            }
            for (int i = 0; i < size; i++) {
                Map<String, Object> combo = new LinkedHashMap<>();
                for (int v = 0; v < vars.size(); v++) {
                    combo.put(vars.get(v), lists.get(v).get(i));
                }
                combos.add(combo);
            }
        }
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> combo : combos) {
            out.add(eval(substitute(template, combo)));
        }
        return out;
    }

    private static Object substitute(Object node, Map<String, Object> vars)
    {
        if (node instanceof String text) {
            for (Map.Entry<String, Object> var : vars.entrySet()) {
                if (text.equals(var.getKey()) && !(var.getValue() instanceof String)) {
                    return var.getValue();
                }
                text = text.replace(var.getKey(), Values.text(var.getValue()));
            }
            return text;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(substitute(String.valueOf(k), vars)), substitute(v, vars)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v, vars)));
            return out;
        }
        return node;
    }

    private Object digest(Object arg)
    {
        List<?> args = list(eval(arg), "digest", 2);
        String algorithm = string(args.get(0), "digest").toLowerCase();
        String javaName = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new InvalidStackException("Algorithm must be one of md5, sha1, sha224, sha256, sha384, sha512");
        };
        try {
            byte[] hash = MessageDigest.getInstance(javaName).digest(Values.text(args.get(1)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object strSplit(Object arg)
    {
        List<?> args = list(eval(arg), "str_split", -1);
        if (args.size() < 2 || args.size() > 3) {
            throw new InvalidStackException("Incorrect arguments to \"str_split\" should be: [delimiter, string] or [delimiter, string, index]");
        }
        String delimiter = Values.text(args.get(0));
        List<String> parts = new ArrayList<>();
        String text = Values.text(args.get(1));
        int from = 0;
        int at;
        while (!delimiter.isEmpty() && (at = text.indexOf(delimiter, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + delimiter.length();
        }
        parts.add(text.substring(from));
        if (args.size() == 3) {
            int index = (int) Values.number(args.get(2)).longValue();
            if (index < 0 || index >= parts.size()) {
                throw new InvalidStackException("Incorrect index to \"str_split\" should be between 0 and " + (parts.size() - 1));
            }
            return parts.get(index);
        }
        return parts;
    }

    private Object mapMerge(Object arg)
    {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object map : list(eval(arg), "map_merge", -1)) {
            out.putAll(HotTemplate.mapOf(map, "map_merge"));
        }
        return out;
    }

    private static boolean equalsValues(Object a, Object b)
    {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    private static List<?> list(Object value, String function, int size)
    {
        if (!(value instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new InvalidStackException("Arguments to \"" + function + "\" must be a list"
                    + (size >= 0 ? " of " + size + " items" : "") + ", not " + Values.describe(value));
        }
        return list;
    }

    private static String string(Object value, String function)
    {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Values.text(value);
        }
        throw new InvalidStackException("Argument to \"" + function + "\" must be a string, not " + Values.describe(value));
    }
}
