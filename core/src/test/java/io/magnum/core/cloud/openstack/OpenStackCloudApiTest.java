package io.magnum.core.cloud.openstack;

import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.Cloud;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** io.magnum.openstack is public API: no openstack4j (or other library, or internal) type in its signatures. */
class OpenStackCloudApiTest
{
    private static final List<String> FORBIDDEN = List.of("org.openstack4j", "okhttp3", "com.fasterxml", "com.google",
            "io.magnum.core");

    @Test
    void publicAndProtectedSignaturesMentionOnlyJdkAndSpiTypes()
    {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : List.of(OpenStackCloud.class, OpenStackCloud.Builder.class)) {
            check(leaks, type.getName(), String.valueOf(type.getGenericSuperclass()));
            for (var implemented : type.getGenericInterfaces()) {
                check(leaks, type.getName(), implemented.getTypeName());
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers())) {
                    check(leaks, type.getName(), method.toGenericString());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    check(leaks, type.getName(), constructor.toGenericString());
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(leaks, type.getName(), field.toGenericString());
                }
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(Cloud.class).isAssignableFrom(OpenStackCloud.class);
        assertThat(OpenStackCloud.class.getDeclaredClasses()).containsExactly(OpenStackCloud.Builder.class);
    }

    private static boolean visible(int modifiers)
    {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> leaks, String type, String signature)
    {
        FORBIDDEN.stream().filter(signature::contains).forEach(p -> leaks.add(type + ": " + signature));
    }
}
