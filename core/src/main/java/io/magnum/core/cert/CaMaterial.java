package io.magnum.core.cert;

import static java.util.Objects.requireNonNull;

/**
 * A certificate authority: its certificate and its private key, both PEM. The key is in the clear here; it is
 * encrypted only when stored.
 *
 * @param certificatePem the CA certificate ({@code CERTIFICATE})
 * @param privateKeyPem  its private key (PKCS#8 {@code PRIVATE KEY})
 */
public record CaMaterial(String certificatePem, String privateKeyPem)
{
    public CaMaterial
    {
        requireNonNull(certificatePem, "certificatePem is null");
        requireNonNull(privateKeyPem, "privateKeyPem is null");
    }

    /** Never prints the key. */
    @Override
    public String toString()
    {
        return "CaMaterial[certificatePem=" + certificatePem.length() + " chars, privateKeyPem=***]";
    }
}
