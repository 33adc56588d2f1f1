package io.magnum.examples;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** What {@code openssl req -new -newkey rsa:2048 -nodes -subj /CN=...} makes: a fresh key and its signing request. */
final class Csr
{
    private Csr()
    {
    }

    /**
     * @param commonName the subject's CN
     * @return a PEM PKCS#10 request for a new RSA 2048 key (the key is thrown away: the walkthrough only signs)
     */
    static String fresh(String commonName)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(request);
            }
            return text.toString();
        }
        catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a CSR", e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
