package io.magnum.core.cert;

import io.magnum.InvalidInputException;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Mutated CSRs (flipped bits, cut or spliced DER, random bytes) are either signed or refused as invalid input on
 * field {@code csr}: no BouncyCastle, JCA or NullPointer exception ever escapes.
 */
class CsrFuzzTest
{
    private static final CertificateAuthority AUTHORITY = new CertificateAuthority(Clock.systemUTC());
    private static final CaMaterial CA = AUTHORITY.newCa("fuzz");
    private static final byte[] DER = Base64.getDecoder().decode(CertTesting.pem(CertTesting.csr(
            "CN=node-1,O=nodes", CertTesting.rsa(2048),
            new Extension(Extension.subjectAlternativeName, false,
                    subjectAltNames()))).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));

    @Property(tries = 400)
    void flippedBytes(@ForAll("positions") List<Integer> positions, @ForAll byte mask)
    {
        byte[] der = DER.clone();
        for (int position : positions) {
            der[position] ^= mask == 0 ? 1 : mask;
        }
        signedOrRefused(der);
    }

    @Property(tries = 200)
    void cutDer(@ForAll @IntRange(min = 0, max = 2000) int length)
    {
        signedOrRefused(Arrays.copyOf(DER, Math.min(length, DER.length - 1)));
    }

    @Property(tries = 200)
    void splicedDer(@ForAll @IntRange(min = 0, max = 2000) int at, @ForAll("junk") byte[] junk)
    {
        int position = Math.min(at, DER.length);
        byte[] der = new byte[DER.length + junk.length];
        System.arraycopy(DER, 0, der, 0, position);
        System.arraycopy(junk, 0, der, position, junk.length);
        System.arraycopy(DER, position, der, position + junk.length, DER.length - position);
        signedOrRefused(der);
    }

    @Property(tries = 200)
    void randomText(@ForAll String text)
    {
        signedOrRefusedText(text);
        signedOrRefusedText("-----BEGIN CERTIFICATE REQUEST-----\n" + text + "\n-----END CERTIFICATE REQUEST-----\n");
    }

    @Provide
    Arbitrary<List<Integer>> positions()
    {
        return Arbitraries.integers().between(0, DER.length - 1).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> junk()
    {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16);
    }

    private static void signedOrRefused(byte[] der)
    {
        signedOrRefusedText(CertificateAuthority.pem("CERTIFICATE REQUEST", der));
    }

    private static void signedOrRefusedText(String csr)
    {
        Throwable thrown = catchThrowable(() -> AUTHORITY.sign(CA, csr));
        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(InvalidInputException.class);
            assertThat(((InvalidInputException) thrown).violations().get(0).field()).isEqualTo("csr");
        }
    }

    private static byte[] subjectAltNames()
    {
        try {
            return new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "node-1"),
                    new GeneralName(GeneralName.iPAddress,
                            "10.0.0.3")}).getEncoded();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
