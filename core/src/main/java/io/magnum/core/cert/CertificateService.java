package io.magnum.core.cert;

import io.magnum.ConflictException;
import io.magnum.InvalidInputException;
import io.magnum.MagnumException;
import io.magnum.NotFoundException;
import io.magnum.core.store.Database;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Bays' certificates (Magnum's {@code cert_manager} with the {@code x509keypair} backend): a CA per bay, the
 * conductor's client certificate signed by it, {@code ca-show}, {@code ca-sign}, rotation and deletion. Private
 * keys are stored encrypted and never logged.
 *
 * <p>Changes of one bay must not run concurrently (callers hold the bay's lock); calls for different bays may.
 * Database failures propagate as jOOQ's exceptions, for the facade's guard to translate.
 */
@Singleton
public final class CertificateService
{
    private static final Logger log = LoggerFactory.getLogger(CertificateService.class);

    /** The CN of the client certificate Magnum uses to call a bay's COE. */
    public static final String CONDUCTOR_COMMON_NAME = "Magnum-Conductor";
    private static final int MAX_COMMON_NAME = 64;

    private final CertificateStore store;
    private final CertificateAuthority authority;

    @Inject
    public CertificateService(Database database, KeyCipher cipher, Clock clock)
    {
        this(new CertificateStore(database, cipher, clock), new CertificateAuthority(clock));
    }

    CertificateService(CertificateStore store, CertificateAuthority authority)
    {
        this.store = requireNonNull(store, "store is null");
        this.authority = requireNonNull(authority, "authority is null");
    }

    /**
     * Makes a bay's CA (subject CN = the bay's name, or its uuid if it has none or one too long for a CN) and the
     * conductor's client certificate, and stores them.
     *
     * @param bayUuid   the bay
     * @param bayName   its name, or null
     * @param projectId its project
     * @param userId    the user creating it
     * @throws ConflictException if the bay has certificates already
     */
    public void createForBay(String bayUuid, String bayName, String projectId, String userId)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        CaMaterial ca = authority.newCa(caCommonName(bayUuid, bayName));
        IssuedCertificate conductor = authority.issueClient(ca, CONDUCTOR_COMMON_NAME);
        BayCertificates certificates = new BayCertificates(bayUuid, projectId, userId, UUID.randomUUID().toString(),
                ca, UUID.randomUUID().toString(), conductor);
        if (!store.insertIfAbsent(certificates)) {
            throw new ConflictException("Certificates of bay " + bayUuid + " already exist");
        }
        log.info("Created the CA and the conductor certificate of bay {}", bayUuid);
    }

    /**
     * The bay's CA certificate ({@code ca-show}).
     *
     * @param bayUuid the bay
     * @return the CA certificate, PEM
     * @throws NotFoundException if the bay has no certificates
     */
    public String caPem(String bayUuid)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        return store.findCaCertificate(bayUuid).orElseThrow(() -> notFound(bayUuid));
    }

    /**
     * Signs a node's or user's certificate signing request with the bay's CA ({@code ca-sign}); see
     * {@link CertificateAuthority#sign} for what is accepted and what the certificate holds.
     *
     * @param bayUuid the bay
     * @param csrPem  the PEM PKCS#10 request
     * @return the certificate, PEM
     * @throws NotFoundException     if the bay has no certificates
     * @throws InvalidInputException (field {@code csr}) if the request is malformed or asks for too much
     * @throws MagnumException       if the CA's key cannot be decrypted
     */
    public String sign(String bayUuid, String csrPem)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        BayCertificates certificates = load(bayUuid);
        String certificate = authority.sign(certificates.ca(), csrPem);
        log.info("Signed a certificate with the CA of bay {}", bayUuid);
        return certificate;
    }

    /**
     * Replaces the bay's CA and conductor certificate with new ones, in one transaction. Certificates the old CA
     * signed stop verifying against the new one. Needs no old private key, so it also recovers a bay whose keys
     * cannot be decrypted any more.
     *
     * @param bayUuid the bay
     * @throws NotFoundException if the bay has no certificates
     */
    public void rotate(String bayUuid)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        String oldCa = store.findCaCertificate(bayUuid).orElseThrow(() -> notFound(bayUuid));
        String commonName = CertificateAuthority.commonName(oldCa).orElse(bayUuid);
        CaMaterial ca = authority.newCa(caCommonName(bayUuid, commonName));
        IssuedCertificate conductor = authority.issueClient(ca, CONDUCTOR_COMMON_NAME);
        if (!store.replace(bayUuid, ca, conductor)) {
            throw notFound(bayUuid);
        }
        log.info("Rotated the CA and the conductor certificate of bay {}", bayUuid);
    }

    /**
     * Deletes the bay's certificates. Idempotent.
     *
     * @param bayUuid the bay
     */
    public void deleteForBay(String bayUuid)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        int deleted = store.deleteByBay(bayUuid);
        if (deleted > 0) {
            log.info("Deleted the certificates of bay {}", bayUuid);
        }
    }

    /**
     * What a driver needs to call the bay's COE with mutual TLS.
     *
     * @param bayUuid the bay
     * @return the CA certificate, the conductor's certificate and its decrypted private key
     * @throws NotFoundException if the bay has no certificates
     * @throws MagnumException   if the conductor's key cannot be decrypted
     */
    public TlsMaterial tlsMaterial(String bayUuid)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        BayCertificates certificates = load(bayUuid);
        return new TlsMaterial(certificates.ca().certificatePem(), certificates.conductor().certificatePem(),
                certificates.conductor().privateKeyPem());
    }

    /**
     * A fresh server certificate signed by the bay's CA for an endpoint on this machine ({@code 127.0.0.1},
     * {@code localhost}), with the CA: what a cloud that serves the bay's COE API locally needs. Not stored.
     *
     * @param bayUuid the bay
     * @return the CA certificate, the server certificate and its private key
     * @throws NotFoundException if the bay has no certificates
     */
    public TlsMaterial localServerMaterial(String bayUuid)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        BayCertificates certificates = load(bayUuid);
        IssuedCertificate server = authority.issueServer(certificates.ca(), "localhost", List.of("localhost"),
                List.of("127.0.0.1"));
        return new TlsMaterial(certificates.ca().certificatePem(), server.certificatePem(), server.privateKeyPem());
    }

    private BayCertificates load(String bayUuid)
    {
        return store.findByBay(bayUuid).orElseThrow(() -> notFound(bayUuid));
    }

    static String caCommonName(String bayUuid, String bayName)
    {
        if (bayName == null || bayName.isBlank() || bayName.length() > MAX_COMMON_NAME) {
            return bayUuid;
        }
        return bayName;
    }

    private static NotFoundException notFound(String bayUuid)
    {
        return new NotFoundException("Certificates of bay " + bayUuid + " could not be found");
    }
}
