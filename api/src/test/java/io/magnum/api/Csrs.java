package io.magnum.api;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** Certificate signing requests for the tests, as a client would make them. */
final class Csrs
{
    private Csrs()
    {
    }

    /**
     * @param subject such as {@code CN=admin}
     * @return a PEM CSR for a fresh RSA 2048 key
     */
    static String csr(String subject)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            Object request = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return pem.toString();
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot make a CSR", e);
        }
    }
}
