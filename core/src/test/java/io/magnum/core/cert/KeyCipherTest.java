package io.magnum.core.cert;

import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.AEADBadTagException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyCipherTest
{
    private static final String KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
            + "-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void encryptsToVersionedBase64AndBack()
    {
        KeyCipher cipher = KeyCipher.of(new byte[32]);
        String sealed = cipher.encrypt(KEY_PEM);

        assertThat(sealed).startsWith("v1:").doesNotContain("PRIVATE KEY");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        assertThat(raw).hasSize(12 + KEY_PEM.length() + 16);   // nonce || ciphertext || tag
        assertThat(cipher.decrypt(sealed)).isEqualTo(KEY_PEM);
    }

    @Test
    void everyValueHasItsOwnNonce()
    {
        KeyCipher cipher = KeyCipher.of(new byte[32]);
        Set<String> nonces = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String sealed = cipher.encrypt(KEY_PEM);
            values.add(sealed);
            nonces.add(Base64.getEncoder().encodeToString(Base64.getDecoder().decode(sealed.substring(3)))
                    .substring(0, 16));
        }
        assertThat(values).hasSize(100);
        assertThat(nonces).hasSize(100);
    }

    @Test
    void keyMustBe32Bytes()
    {
        assertThatThrownBy(() -> KeyCipher.of(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyCipher.forDatabase(null, new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tamperedValueGivesClearError()
    {
        KeyCipher cipher = KeyCipher.of(new byte[32]);
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(KEY_PEM).substring(3));
        raw[20] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(MagnumException.class)
                .hasMessage("cannot decrypt a stored private key: it was altered or encrypted with another key "
                        + "(authentication failed)")
                .hasCauseInstanceOf(AEADBadTagException.class)
                .satisfies(e -> assertThat(((MagnumException) e).code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void anotherKeyCannotDecrypt()
    {
        String sealed = KeyCipher.of(new byte[32]).encrypt(KEY_PEM);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> KeyCipher.of(other).decrypt(sealed)).isInstanceOf(MagnumException.class)
                .hasMessageContaining("altered or encrypted with another key");
    }

    @Test
    void malformedValuesGiveClearErrors()
    {
        KeyCipher cipher = KeyCipher.of(new byte[32]);
        assertThatThrownBy(() -> cipher.decrypt(KEY_PEM)).isInstanceOf(MagnumException.class)
                .hasMessageContaining("not in the v1 format");
        assertThatThrownBy(() -> cipher.decrypt("v1:***")).isInstanceOf(MagnumException.class)
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA")).isInstanceOf(MagnumException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void explicitKeyWinsAndWritesNoFile()
    {
        byte[] key = new byte[32];
        key[5] = 7;
        KeyCipher cipher = KeyCipher.forDatabase(dir.resolve("magnum-db"), key);

        assertThat(KeyCipher.of(key).decrypt(cipher.encrypt("x"))).isEqualTo("x");
        assertThat(dir.resolve("magnum-db.key")).doesNotExist();
    }

    @Test
    void inMemoryDatabaseGetsARandomKey()
    {
        String sealed = KeyCipher.forDatabase(null, null).encrypt("x");
        assertThatThrownBy(() -> KeyCipher.forDatabase(null, null).decrypt(sealed)).isInstanceOf(MagnumException.class);
    }

    @Test
    void keyFileIsCreatedOwnerOnlyBesideTheDatabaseAndReused()
            throws Exception
    {
        KeyCipher first = KeyCipher.forDatabase(dir.resolve("magnum-db"), null);
        Path keyFile = dir.resolve("magnum-db.key");

        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.size(keyFile)).isEqualTo(32);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("magnum-db.key");   // no temp left
        }

        String sealed = first.encrypt(KEY_PEM);
        // the next start, naming the file as H2 stores it
        KeyCipher second = KeyCipher.forDatabase(dir.resolve("magnum-db.mv.db"), null);
        assertThat(second.decrypt(sealed)).isEqualTo(KEY_PEM);
        assertThat(KeyCipher.keyFile(dir.resolve("magnum-db.mv.db"))).isEqualTo(keyFile);
    }

    @Test
    void createsMissingDirectories()
    {
        KeyCipher.forDatabase(dir.resolve("a/b/magnum-db"), null);
        assertThat(dir.resolve("a/b/magnum-db.key")).exists();
    }

    @Test
    void worldOrGroupReadableKeyFileIsRefused()
            throws Exception
    {
        KeyCipher.forDatabase(dir.resolve("magnum-db"), null);
        Path keyFile = dir.resolve("magnum-db.key");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyCipher.forDatabase(dir.resolve("magnum-db"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the encryption key file " + keyFile + " must be accessible by its owner only (chmod 600),"
                        + " but its permissions are rw-r--r--");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> KeyCipher.forDatabase(dir.resolve("magnum-db"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("owner only");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw--w----"));
        assertThatThrownBy(() -> KeyCipher.forDatabase(dir.resolve("magnum-db"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("owner only");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        KeyCipher.forDatabase(dir.resolve("magnum-db"), null);   // read-only for the owner is fine
    }

    @Test
    void keyFileOfWrongLengthIsRefused()
            throws Exception
    {
        Path keyFile = dir.resolve("magnum-db.key");
        Files.write(keyFile, new byte[16]);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> KeyCipher.forDatabase(dir.resolve("magnum-db"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the encryption key file " + keyFile + " must hold exactly 32 bytes, but holds 16");
        assertThat(Files.size(keyFile)).isEqualTo(16);   // never overwritten
    }

    @Test
    void concurrentStartsAgreeOnOneKey()
            throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<KeyCipher>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(() -> KeyCipher.forDatabase(dir.resolve("shared-db"), null));
            }
            List<Future<KeyCipher>> ciphers = pool.invokeAll(starts);
            String sealed = ciphers.get(0).get().encrypt("x");
            for (Future<KeyCipher> cipher : ciphers) {
                assertThat(cipher.get().decrypt(sealed)).isEqualTo("x");
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
