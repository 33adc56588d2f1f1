package io.magnum.openstack.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test resources under {@code io/magnum/openstack/it/}. */
final class Resources
{
    private Resources()
    {
    }

    /**
     * @param path relative to {@code io/magnum/openstack/it/}
     * @return the text
     */
    static String text(String path)
    {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param dir   a directory relative to {@code io/magnum/openstack/it/}
     * @param names the files in it, keyed as the templates name them
     * @return name to text
     */
    static Map<String, String> files(String dir, String... names)
    {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, text(dir + "/" + name));
        }
        return files;
    }
}
