package io.magnum.core.cert;

import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Encrypts private keys at rest: AES-256-GCM with a random 12-byte nonce per value, written as
 * {@code "v1:" + base64(nonce || ciphertext || tag)}. The version prefix leaves room for another scheme (or a
 * rotated key) later without guessing what a stored value is.
 *
 * <p>Thread-safe: a {@link Cipher} is made per call.
 */
public final class KeyCipher
{
    private static final Logger log = LoggerFactory.getLogger(KeyCipher.class);

    /** Bytes in an AES-256 key. */
    public static final int KEY_LENGTH = 32;

    static final String PREFIX = "v1:";
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private KeyCipher(byte[] key)
    {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param key a 32-byte AES key; copied
     * @return a cipher with that key
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public static KeyCipher of(byte[] key)
    {
        requireNonNull(key, "key is null");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an encryption key must be " + KEY_LENGTH + " bytes (AES-256), not "
                    + key.length);
        }
        return new KeyCipher(key.clone());
    }

    /**
     * The cipher for a database: the explicit key if given; else, for a file database, a key kept in
     * {@code <base>.key} beside it (generated owner-only at first start, reused later); else a random key that
     * lives as long as this process, which is enough for an in-memory database and nothing else.
     *
     * @param databaseFileOrNull the H2 database file ({@code /x/magnum-db} or {@code /x/magnum-db.mv.db}), or null
     * @param keyOrNull          an explicit 32-byte key, or null
     * @return the cipher
     * @throws IllegalArgumentException if the explicit key is not 32 bytes
     * @throws IllegalStateException    if the key file cannot be created or read, is accessible by group or others,
     *                                  or does not hold exactly 32 bytes
     */
    public static KeyCipher forDatabase(Path databaseFileOrNull, byte[] keyOrNull)
    {
        if (keyOrNull != null) {
            return of(keyOrNull);
        }
        if (databaseFileOrNull == null) {
            return of(randomKey());
        }
        byte[] key = loadOrCreateKeyFile(keyFile(databaseFileOrNull));
        try {
            return of(key);
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * @param databaseFile the H2 database file, with or without {@code .mv.db}
     * @return where {@link #forDatabase} keeps its key: {@code <base>.key}
     */
    public static Path keyFile(Path databaseFile)
    {
        Path absolute = databaseFile.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.endsWith(".mv.db")) {
            name = name.substring(0, name.length() - ".mv.db".length());
        }
        return absolute.resolveSibling(name + ".key");
    }

    /**
     * @param plaintext the text to protect (a PEM private key)
     * @return {@code "v1:" + base64(nonce || ciphertext || tag)}
     */
    public String encrypt(String plaintext)
    {
        requireNonNull(plaintext, "plaintext is null");
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_LENGTH + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
            System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        }
        catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every Java SE runtime; this is not expected to happen
            throw new MagnumException(ErrorCode.INTERNAL, "cannot encrypt a private key: " + e.getMessage(), e);
        }
    }

    /**
     * @param text what {@link #encrypt} returned
     * @return the plaintext
     * @throws MagnumException ({@link ErrorCode#INTERNAL}) if the text is not ours, was altered, or was encrypted
     *                         with another key
     */
    public String decrypt(String text)
    {
        requireNonNull(text, "text is null");
        if (!text.startsWith(PREFIX)) {
            throw undecryptable("it is not in the v1 format", null);
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        }
        catch (IllegalArgumentException e) {
            throw undecryptable("it is not valid base64", e);
        }
        if (in.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw undecryptable("it is too short", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_LENGTH));
            byte[] plain = cipher.doFinal(in, NONCE_LENGTH, in.length - NONCE_LENGTH);
            return new String(plain, StandardCharsets.UTF_8);
        }
        catch (AEADBadTagException e) {
            throw undecryptable("it was altered or encrypted with another key (authentication failed)", e);
        }
        catch (GeneralSecurityException e) {
            throw undecryptable(e.getMessage(), e);
        }
    }

    private static MagnumException undecryptable(String reason, Throwable cause)
    {
        return new MagnumException(ErrorCode.INTERNAL, "cannot decrypt a stored private key: " + reason, cause);
    }

    private static byte[] randomKey()
    {
        byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] loadOrCreateKeyFile(Path file)
    {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                createKeyFile(file);
                log.info("Generated the private key encryption key {}; keep it with the database, which cannot be "
                        + "read without it", file);
            }
            catch (FileAlreadyExistsException e) {
                log.debug("Key file {} appeared while creating it; using the existing one", file);
            }
            catch (IOException e) {
                throw new IllegalStateException("cannot create the encryption key file " + file + ": " + e, e);
            }
        }
        return readKeyFile(file);
    }

    // The key is written to an owner-only temporary file first, then linked to its name: the name never points at
    // a partly written key nor at a file anybody else could read, and an existing key is never replaced.
    private static void createKeyFile(Path file)
            throws IOException
    {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        if (!posix) {
            log.warn("The file system of {} has no POSIX permissions; restrict access to the key file yourself", file);
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attributes);
        byte[] key = randomKey();
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(key);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
            }
            catch (FileAlreadyExistsException e) {
                throw e;
            }
            catch (UnsupportedOperationException | FileSystemException e) {
                // no hard links here: a plain move, which does not replace an existing file either
                Files.move(temp, file);
            }
        }
        finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] readKeyFile(Path file)
    {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    throw new IllegalStateException("the encryption key file " + file + " must be accessible by its "
                            + "owner only (chmod 600), but its permissions are "
                            + PosixFilePermissions.toString(permissions));
                }
            }
            long size = Files.size(file);
            if (size != KEY_LENGTH) {
                throw new IllegalStateException("the encryption key file " + file + " must hold exactly " + KEY_LENGTH
                        + " bytes, but holds " + size);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_LENGTH) {
                throw new IllegalStateException("the encryption key file " + file + " changed while being read");
            }
            return key;
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read the encryption key file " + file + ": " + e, e);
        }
    }
}
