package io.magnum.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads one COE's HOT templates and fragments from this jar: every file under {@code io/magnum/templates/<coe>/},
 * keyed by its path relative to that directory, which is how the templates name them ({@code kubeminion.yaml},
 * {@code fragments/configure-docker.sh}). Pass the map as a stack's {@code files}.
 *
 * <pre>{@code
 * Map<String, String> files = HeatTemplates.load("kubernetes");
 * String main = files.get("kubecluster.yaml");
 * }</pre>
 */
public final class HeatTemplates
{
    private HeatTemplates()
    {
    }

    /**
     * @param coe {@code kubernetes}, {@code swarm} or {@code mesos}
     * @return relative path to content, sorted by path
     * @throws IllegalArgumentException when there are no templates for that COE
     * @throws UncheckedIOException     when they cannot be read
     */
    public static Map<String, String> load(String coe)
    {
        String dir = "io/magnum/templates/" + coe + "/";
        URL url = HeatTemplates.class.getClassLoader().getResource(dir);
        if (url == null) {
            throw new IllegalArgumentException("no Heat templates for coe " + coe);
        }
        Map<String, String> files = new TreeMap<>();
        try {
            if (url.getProtocol().equals("file")) {
                Path root = Path.of(url.toURI());
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                    }
                }
            }
            else {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(dir) && !entry.isDirectory()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName().substring(dir.length()),
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the Heat templates of " + coe, e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return Collections.unmodifiableMap(files);
    }
}
