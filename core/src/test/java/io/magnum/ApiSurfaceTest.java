package io.magnum;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The public API never mentions the libraries underneath it, so upgrading them never breaks a user. */
class ApiSurfaceTest
{
    private static final List<String> FORBIDDEN = List.of("com.google.inject", "org.jooq", "org.flywaydb", "org.h2",
            "com.fasterxml", "io.magnum.core", "org.openstack4j", "io.fabric8", "com.github.dockerjava");

    @Test
    void publicSignaturesMentionOnlyOurOwnAndJdkTypes() throws Exception
    {
        List<Class<?>> types = publicTypes("io/magnum", "io/magnum/model");
        assertThat(types).extracting(Class::getSimpleName).contains("Magnum", "BayModels", "BayModel", "BayModelSpec",
                "RequestContext", "MagnumException", "PatchOperation", "ListOptions");
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : types) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    check(leaks, type, method.toGenericString());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    check(leaks, type, constructor.toGenericString());
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    check(leaks, type, field.toGenericString());
                }
            }
            check(leaks, type, String.valueOf(type.getGenericSuperclass()));
        }
        assertThat(leaks).isEmpty();
    }

    private static void check(List<String> leaks, Class<?> type, String signature)
    {
        FORBIDDEN.stream().filter(signature::contains).forEach(p -> leaks.add(type.getName() + ": " + signature));
    }

    private static List<Class<?>> publicTypes(String... packages) throws IOException, URISyntaxException, ClassNotFoundException
    {
        Path root = Path.of(Magnum.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = pkg.replace('/', '.') + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name);
                    if (Modifier.isPublic(type.getModifiers())) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }
}
