package io.magnum.spi.cloud;

import static java.util.Objects.requireNonNull;

/**
 * An SSH keypair registered with Nova; servers of a bay get its public key.
 *
 * <pre>{@code
 * new Keypair("testkey", "ssh-rsa AAAA... user@host", "3f:...")
 * }</pre>
 *
 * @param name        the keypair name (Nova addresses keypairs by name)
 * @param publicKey   the OpenSSH public key
 * @param fingerprint the key's fingerprint
 */
public record Keypair(String name, String publicKey, String fingerprint)
{
    public Keypair
    {
        requireNonNull(name, "name is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(fingerprint, "fingerprint is null");
    }
}
