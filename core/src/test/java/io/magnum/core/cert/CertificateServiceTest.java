package io.magnum.core.cert;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.magnum.ConflictException;
import io.magnum.ErrorCode;
import io.magnum.InvalidInputException;
import io.magnum.MagnumException;
import io.magnum.NotFoundException;
import io.magnum.core.store.Database;
import io.magnum.core.store.Timestamps;
import io.magnum.core.store.jooq.tables.records.X509keypairRecord;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.magnum.core.cert.CertTesting.certificate;
import static io.magnum.core.cert.CertTesting.csr;
import static io.magnum.core.cert.CertTesting.pem;
import static io.magnum.core.cert.CertTesting.privateKey;
import static io.magnum.core.cert.CertTesting.rsa;
import static io.magnum.core.store.jooq.Tables.X509KEYPAIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class CertificateServiceTest
{
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final KeyCipher cipher = KeyCipher.of(key(1));
    private final String bay = UUID.randomUUID().toString();
    private Database database;
    private CertificateService certificates;

    @BeforeEach
    void open()
    {
        database = CertTesting.openDatabase();
        certificates = new CertificateService(database, cipher, clock);
    }

    @AfterEach
    void close()
    {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void createStoresTheCaAndTheConductorCertificateWithEncryptedKeys()
            throws Exception
    {
        certificates.createForBay(bay, "k8s-bay", "project-a", "alice");

        List<X509keypairRecord> rows = rows(bay);
        assertThat(rows).extracting(X509keypairRecord::getPurpose).containsExactlyInAnyOrder("ca", "conductor");
        for (X509keypairRecord row : rows) {
            assertThat(UUID.fromString(row.getUuid())).isNotNull();
            assertThat(row.getProjectId()).isEqualTo("project-a");
            assertThat(row.getUserId()).isEqualTo("alice");
            assertThat(Timestamps.fromColumn(row.getCreatedAt())).isEqualTo(START);
            assertThat(row.getUpdatedAt()).isNull();
            assertThat(row.getCertificate()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(row.getPrivateKey()).startsWith("v1:").doesNotContain("PRIVATE KEY");
            String key = cipher.decrypt(row.getPrivateKey());
            assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(CertificateAuthorityTest.matches(privateKey(key, "RSA"), certificate(row.getCertificate())))
                    .isTrue();
        }

        X509Certificate ca = certificate(certificates.caPem(bay));
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=k8s-bay");
        TlsMaterial tls = certificates.tlsMaterial(bay);
        assertThat(tls.caPem()).isEqualTo(certificates.caPem(bay));
        X509Certificate conductor = certificate(tls.certificatePem());
        assertThat(conductor.getSubjectX500Principal().getName()).isEqualTo("CN=Magnum-Conductor");
        conductor.verify(ca.getPublicKey());
        assertThat(CertificateAuthorityTest.matches(privateKey(tls.privateKeyPem(), "RSA"), conductor)).isTrue();
        assertThat(tls.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void caSubjectIsTheBayNameOrItsUuid()
    {
        String unnamed = UUID.randomUUID().toString();
        String longName = UUID.randomUUID().toString();
        certificates.createForBay(unnamed, null, "p", "u");
        certificates.createForBay(longName, "n".repeat(65), "p", "u");

        assertThat(certificate(certificates.caPem(unnamed)).getSubjectX500Principal().getName())
                .isEqualTo("CN=" + unnamed);
        assertThat(certificate(certificates.caPem(longName)).getSubjectX500Principal().getName())
                .isEqualTo("CN=" + longName);
    }

    @Test
    void createTwiceIsAConflict()
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        String ca = certificates.caPem(bay);

        assertThatThrownBy(() -> certificates.createForBay(bay, "k8s-bay", "p", "u"))
                .isInstanceOf(ConflictException.class).hasMessage("Certificates of bay " + bay + " already exist");
        assertThat(rows(bay)).hasSize(2);
        assertThat(certificates.caPem(bay)).isEqualTo(ca);
    }

    @Test
    void bayWithoutCertificatesIsNotFound()
    {
        String message = "Certificates of bay " + bay + " could not be found";
        assertThatThrownBy(() -> certificates.caPem(bay)).isInstanceOf(NotFoundException.class).hasMessage(message);
        assertThatThrownBy(() -> certificates.tlsMaterial(bay)).isInstanceOf(NotFoundException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> certificates.rotate(bay)).isInstanceOf(NotFoundException.class).hasMessage(message);
        assertThatThrownBy(() -> certificates.sign(bay, pem(csr("CN=node-1", rsa(2048)))))
                .isInstanceOf(NotFoundException.class).hasMessage(message);
        certificates.deleteForBay(bay);
    }

    @Test
    void deleteIsIdempotentAndLeavesOtherBaysAlone()
    {
        String other = UUID.randomUUID().toString();
        certificates.createForBay(bay, "a", "p", "u");
        certificates.createForBay(other, "b", "p", "u");

        certificates.deleteForBay(bay);
        certificates.deleteForBay(bay);

        assertThat(rows(bay)).isEmpty();
        assertThatThrownBy(() -> certificates.caPem(bay)).isInstanceOf(NotFoundException.class);
        assertThat(rows(other)).hasSize(2);
        assertThat(certificates.tlsMaterial(other)).isNotNull();
    }

    @Test
    void signIssuesWithTheBayCa()
            throws Exception
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        X509Certificate node = certificate(certificates.sign(bay, pem(csr("CN=node-1", rsa(2048)))));
        node.verify(certificate(certificates.caPem(bay)).getPublicKey());
        assertThat(node.getNotBefore().toInstant()).isEqualTo(START.minus(Duration.ofMinutes(5)));
    }

    @Test
    void hostileCsrIsInvalidInputAndChangesNothing()
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        List<X509keypairRecord> before = rows(bay);

        Throwable thrown = catchThrowable(() -> certificates.sign(bay, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
                + "-----END CERTIFICATE REQUEST-----\n"));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) thrown).violations().get(0).field()).isEqualTo("csr");
        assertThat(((InvalidInputException) thrown).code().httpStatus()).isEqualTo(400);
        assertThat(rows(bay)).isEqualTo(before);
    }

    @Test
    void rotateReplacesBothInPlaceAndTheOldCaStopsVerifying()
            throws Exception
    {
        certificates.createForBay(bay, "k8s-bay", "project-a", "alice");
        List<X509keypairRecord> before = rows(bay);
        X509Certificate oldCa = certificate(certificates.caPem(bay));
        X509Certificate oldNode = certificate(certificates.sign(bay, pem(csr("CN=node-1", rsa(2048)))));
        TlsMaterial oldTls = certificates.tlsMaterial(bay);
        Instant later = START.plus(Duration.ofDays(30));
        clock.set(later);

        certificates.rotate(bay);

        X509Certificate newCa = certificate(certificates.caPem(bay));
        assertThat(newCa).isNotEqualTo(oldCa);
        assertThat(newCa.getSubjectX500Principal()).isEqualTo(oldCa.getSubjectX500Principal());
        assertThat(newCa.getPublicKey()).isNotEqualTo(oldCa.getPublicKey());
        assertThatThrownBy(() -> oldNode.verify(newCa.getPublicKey())).isInstanceOf(SignatureException.class);
        X509Certificate newNode = certificate(certificates.sign(bay, pem(csr("CN=node-1", rsa(2048)))));
        newNode.verify(newCa.getPublicKey());

        TlsMaterial tls = certificates.tlsMaterial(bay);
        assertThat(tls.certificatePem()).isNotEqualTo(oldTls.certificatePem());
        assertThat(tls.privateKeyPem()).isNotEqualTo(oldTls.privateKeyPem());
        certificate(tls.certificatePem()).verify(newCa.getPublicKey());
        assertThatThrownBy(() -> certificate(oldTls.certificatePem()).verify(newCa.getPublicKey()))
                .isInstanceOf(SignatureException.class);

        List<X509keypairRecord> after = rows(bay);
        assertThat(after).hasSize(2);
        for (X509keypairRecord row : after) {
            X509keypairRecord old = before.stream().filter(r -> r.getPurpose().equals(row.getPurpose())).findFirst()
                    .orElseThrow();
            assertThat(row.getUuid()).isEqualTo(old.getUuid());
            assertThat(row.getCreatedAt()).isEqualTo(old.getCreatedAt());
            assertThat(row.getProjectId()).isEqualTo("project-a");
            assertThat(Timestamps.fromColumn(row.getUpdatedAt())).isEqualTo(later);
            assertThat(row.getCertificate()).isNotEqualTo(old.getCertificate());
            assertThat(row.getPrivateKey()).startsWith("v1:").isNotEqualTo(old.getPrivateKey());
        }
    }

    @Test
    void rotateCleansUpDuplicateRows()
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        // what two racing creates would leave behind
        X509keypairRecord extra = rows(bay).get(0).copy();
        extra.setUuid(UUID.randomUUID().toString());
        database.dsl().executeInsert(extra);
        assertThat(rows(bay)).hasSize(3);

        certificates.rotate(bay);

        assertThat(rows(bay)).extracting(X509keypairRecord::getPurpose).containsExactlyInAnyOrder("ca", "conductor");
        certificates.tlsMaterial(bay);
    }

    @Test
    void tamperedStoredKeyGivesAClearErrorAndRotationRecovers()
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        tamper(bay, "conductor");

        Throwable thrown = catchThrowable(() -> certificates.tlsMaterial(bay));
        assertThat(thrown).isExactlyInstanceOf(MagnumException.class)
                .hasMessage("The private key of the conductor certificate of bay " + bay + " cannot be read: cannot "
                        + "decrypt a stored private key: it was altered or encrypted with another key "
                        + "(authentication failed)")
                .hasRootCauseInstanceOf(AEADBadTagException.class);
        assertThat(((MagnumException) thrown).code()).isEqualTo(ErrorCode.INTERNAL);

        tamper(bay, "ca");
        assertThatThrownBy(() -> certificates.sign(bay, pem(csr("CN=node-1", rsa(2048)))))
                .isExactlyInstanceOf(MagnumException.class)
                .hasMessageStartingWith("The private key of the ca certificate of bay " + bay + " cannot be read");
        assertThat(certificates.caPem(bay)).isNotNull();   // the CA certificate itself needs no key

        certificates.rotate(bay);
        assertThat(certificates.tlsMaterial(bay)).isNotNull();
    }

    @Test
    void anotherEncryptionKeyCannotReadTheKeys()
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        CertificateService otherKey = new CertificateService(database, KeyCipher.of(key(2)), clock);

        assertThat(otherKey.caPem(bay)).isEqualTo(certificates.caPem(bay));
        assertThatThrownBy(() -> otherKey.tlsMaterial(bay)).isInstanceOf(MagnumException.class)
                .hasMessageContaining("altered or encrypted with another key");
    }

    @Test
    void storeReadsTheNewestRowOfEachPurpose()
    {
        CertificateStore store = new CertificateStore(database, cipher, clock);
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        BayCertificates stored = store.findByBay(bay).orElseThrow();

        assertThat(stored.bayUuid()).isEqualTo(bay);
        assertThat(stored.projectId()).isEqualTo("p");
        assertThat(rows(bay)).extracting(X509keypairRecord::getUuid)
                .containsExactlyInAnyOrder(stored.caUuid(), stored.conductorUuid());
        assertThat(store.findByBay(UUID.randomUUID().toString())).isEmpty();
        assertThat(store.deleteByBay(bay)).isEqualTo(2);
        assertThat(store.deleteByBay(bay)).isZero();
    }

    @Test
    void guiceBuildsTheServiceFromDatabaseCipherAndClock()
    {
        Injector injector = Guice.createInjector(binder -> {
            binder.bind(Database.class).toInstance(database);
            binder.bind(KeyCipher.class).toInstance(cipher);
            binder.bind(Clock.class).toInstance(clock);
        });
        CertificateService service = injector.getInstance(CertificateService.class);

        assertThat(injector.getInstance(CertificateService.class)).isSameAs(service);
        service.createForBay(bay, "k8s-bay", "p", "u");
        assertThat(certificates.caPem(bay)).isEqualTo(service.caPem(bay));
    }

    @Test
    void subjectAltNamesSurviveTheService()
            throws Exception
    {
        certificates.createForBay(bay, "k8s-bay", "p", "u");
        GeneralNames names = new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "node-1")});
        X509Certificate node = certificate(certificates.sign(bay, pem(csr("CN=node-1", rsa(2048),
                new Extension(Extension.subjectAlternativeName, false, names.getEncoded())))));
        assertThat(node.getSubjectAlternativeNames()).containsExactly(List.of(GeneralName.dNSName, "node-1"));
    }

    private void tamper(String bayUuid, String purpose)
    {
        X509keypairRecord row = rows(bayUuid).stream().filter(r -> r.getPurpose().equals(purpose)).findFirst()
                .orElseThrow();
        byte[] raw = Base64.getDecoder().decode(row.getPrivateKey().substring(3));
        raw[raw.length / 2] ^= 0x01;
        database.dsl().update(X509KEYPAIR).set(X509KEYPAIR.PRIVATE_KEY, "v1:" + Base64.getEncoder().encodeToString(raw))
                .where(X509KEYPAIR.ID.eq(row.getId())).execute();
    }

    private List<X509keypairRecord> rows(String bayUuid)
    {
        return database.dsl().selectFrom(X509KEYPAIR).where(X509KEYPAIR.BAY_UUID.eq(bayUuid))
                .orderBy(X509KEYPAIR.ID).fetch();
    }

    private static byte[] key(int seed)
    {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return key;
    }

    /** A clock the test moves. */
    static final class SettableClock
            extends Clock
    {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start)
        {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant)
        {
            now.set(instant);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now.get();
        }
    }
}
