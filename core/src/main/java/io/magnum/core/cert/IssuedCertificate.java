package io.magnum.core.cert;

import static java.util.Objects.requireNonNull;

/**
 * A certificate issued with a key pair made for it, both PEM.
 *
 * @param certificatePem the certificate ({@code CERTIFICATE})
 * @param privateKeyPem  its private key (PKCS#8 {@code PRIVATE KEY}), in the clear
 */
public record IssuedCertificate(String certificatePem, String privateKeyPem)
{
    public IssuedCertificate
    {
        requireNonNull(certificatePem, "certificatePem is null");
        requireNonNull(privateKeyPem, "privateKeyPem is null");
    }

    /** Never prints the key. */
    @Override
    public String toString()
    {
        return "IssuedCertificate[certificatePem=" + certificatePem.length() + " chars, privateKeyPem=***]";
    }
}
