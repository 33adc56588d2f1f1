package io.magnum.core.cert;

import static java.util.Objects.requireNonNull;

/**
 * What a driver needs to call a bay's COE with mutual TLS: the bay CA to trust, and the conductor's client
 * certificate with its private key.
 *
 * @param caPem          the bay CA certificate
 * @param certificatePem the conductor's client certificate ({@code CN=Magnum-Conductor})
 * @param privateKeyPem  its private key (PKCS#8 {@code PRIVATE KEY}), in the clear
 */
public record TlsMaterial(String caPem, String certificatePem, String privateKeyPem)
{
    public TlsMaterial
    {
        requireNonNull(caPem, "caPem is null");
        requireNonNull(certificatePem, "certificatePem is null");
        requireNonNull(privateKeyPem, "privateKeyPem is null");
    }

    /** Never prints the key. */
    @Override
    public String toString()
    {
        return "TlsMaterial[caPem=" + caPem.length() + " chars, certificatePem=" + certificatePem.length()
                + " chars, privateKeyPem=***]";
    }
}
