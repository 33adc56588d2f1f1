package io.magnum.core.cert;

import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.core.store.Database;
import io.magnum.core.store.Timestamps;
import io.magnum.core.store.jooq.tables.records.X509keypairRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.Result;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static io.magnum.core.store.jooq.Tables.X509KEYPAIR;
import static java.util.Objects.requireNonNull;

/**
 * The {@code x509keypair} rows of bays: one with purpose {@value #CA} (the bay's CA) and one with purpose
 * {@value #CONDUCTOR} (the conductor's client certificate) per bay. Private keys are stored encrypted with the
 * {@link KeyCipher}; nothing else is secret. Every change is one transaction.
 *
 * <p>The table has no unique key on (bay, purpose): callers serialise changes per bay (the conductor's bay lock).
 * Should two rows of one purpose exist all the same, reads take the newest and the next rotation or delete removes
 * the rest.
 */
@Singleton
public final class CertificateStore
{
    /** The purpose of a bay CA's row. */
    public static final String CA = "ca";
    /** The purpose of the conductor certificate's row. */
    public static final String CONDUCTOR = "conductor";

    private final DSLContext dsl;
    private final KeyCipher cipher;
    private final Clock clock;

    @Inject
    public CertificateStore(Database database, KeyCipher cipher, Clock clock)
    {
        this.dsl = requireNonNull(database, "database is null").dsl();
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Stores a bay's certificates unless it has some already.
     *
     * @param certificates the certificates, with new row uuids
     * @return whether they were stored (false: the bay had certificates, nothing changed)
     */
    public boolean insertIfAbsent(BayCertificates certificates)
    {
        requireNonNull(certificates, "certificates is null");
        // encrypt before the transaction: no CPU work while holding locks
        String caKey = cipher.encrypt(certificates.ca().privateKeyPem());
        String conductorKey = cipher.encrypt(certificates.conductor().privateKeyPem());
        OffsetDateTime now = Timestamps.toColumn(clock.instant());
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            if (tx.fetchExists(X509KEYPAIR, X509KEYPAIR.BAY_UUID.eq(certificates.bayUuid()))) {
                return false;
            }
            insert(tx, certificates, certificates.caUuid(), CA, certificates.ca().certificatePem(), caKey, now);
            insert(tx, certificates, certificates.conductorUuid(), CONDUCTOR,
                    certificates.conductor().certificatePem(), conductorKey, now);
            return true;
        });
    }

    /**
     * Replaces a bay's CA and conductor certificate in one transaction. The rows keep their uuids, project, user
     * and created_at; {@code updated_at} is set.
     *
     * @param bayUuid   the bay
     * @param ca        the new CA
     * @param conductor the new conductor certificate
     * @return whether the bay had certificates (false: nothing changed)
     */
    public boolean replace(String bayUuid, CaMaterial ca, IssuedCertificate conductor)
    {
        requireNonNull(bayUuid, "bayUuid is null");
        requireNonNull(ca, "ca is null");
        requireNonNull(conductor, "conductor is null");
        String caKey = cipher.encrypt(ca.privateKeyPem());
        String conductorKey = cipher.encrypt(conductor.privateKeyPem());
        OffsetDateTime now = Timestamps.toColumn(clock.instant());
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Result<X509keypairRecord> rows = tx.selectFrom(X509KEYPAIR)
                    .where(X509KEYPAIR.BAY_UUID.eq(bayUuid))
                    .orderBy(X509KEYPAIR.ID.desc())
                    .forUpdate()
                    .fetch();
            if (rows.isEmpty()) {
                return false;
            }
            X509keypairRecord caRow = newest(rows, CA);
            X509keypairRecord conductorRow = newest(rows, CONDUCTOR);
            // rows beyond one per purpose can only come from racing creates; drop them now
            tx.deleteFrom(X509KEYPAIR)
                    .where(X509KEYPAIR.BAY_UUID.eq(bayUuid))
                    .and(X509KEYPAIR.ID.notIn(idOf(caRow), idOf(conductorRow)))
                    .execute();
            X509keypairRecord template = rows.get(0);
            update(tx, caRow, template, CA, ca.certificatePem(), caKey, now);
            update(tx, conductorRow, template, CONDUCTOR, conductor.certificatePem(), conductorKey, now);
            return true;
        });
    }

    /**
     * @param bayUuid a bay
     * @return the CA certificate (PEM) of the bay, if it has one; decrypts nothing
     */
    public Optional<String> findCaCertificate(String bayUuid)
    {
        return dsl.select(X509KEYPAIR.CERTIFICATE).from(X509KEYPAIR)
                .where(X509KEYPAIR.BAY_UUID.eq(bayUuid)).and(X509KEYPAIR.PURPOSE.eq(CA))
                .orderBy(X509KEYPAIR.ID.desc()).limit(1)
                .fetchOptional(X509KEYPAIR.CERTIFICATE);
    }

    /**
     * @param bayUuid a bay
     * @return the bay's certificates with their keys decrypted, if it has both
     * @throws MagnumException if a stored key cannot be decrypted (altered, or another encryption key)
     */
    public Optional<BayCertificates> findByBay(String bayUuid)
    {
        Result<X509keypairRecord> rows = dsl.selectFrom(X509KEYPAIR)
                .where(X509KEYPAIR.BAY_UUID.eq(bayUuid))
                .orderBy(X509KEYPAIR.ID.desc())
                .fetch();
        X509keypairRecord ca = newest(rows, CA);
        X509keypairRecord conductor = newest(rows, CONDUCTOR);
        if (ca == null || conductor == null) {
            return Optional.empty();
        }
        return Optional.of(new BayCertificates(bayUuid, ca.getProjectId(), ca.getUserId(),
                ca.getUuid(), new CaMaterial(ca.getCertificate(), decrypt(ca)),
                conductor.getUuid(), new IssuedCertificate(conductor.getCertificate(), decrypt(conductor))));
    }

    /**
     * Deletes every row of a bay, in one statement.
     *
     * @param bayUuid a bay
     * @return how many rows were deleted
     */
    public int deleteByBay(String bayUuid)
    {
        return dsl.deleteFrom(X509KEYPAIR).where(X509KEYPAIR.BAY_UUID.eq(bayUuid)).execute();
    }

    private String decrypt(X509keypairRecord row)
    {
        if (row.getPrivateKey() == null) {
            throw new MagnumException(ErrorCode.INTERNAL, "The " + row.getPurpose()
                    + " certificate of bay " + row.getBayUuid() + " has no private key");
        }
        try {
            return cipher.decrypt(row.getPrivateKey());
        }
        catch (MagnumException e) {
            throw new MagnumException(e.code(), "The private key of the " + row.getPurpose() + " certificate of bay "
                    + row.getBayUuid() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Long idOf(X509keypairRecord row)
    {
        return row == null ? -1L : row.getId();
    }

    private static X509keypairRecord newest(Result<X509keypairRecord> rowsNewestFirst, String purpose)
    {
        for (X509keypairRecord row : rowsNewestFirst) {
            if (purpose.equals(row.getPurpose())) {
                return row;
            }
        }
        return null;
    }

    private static void insert(DSLContext tx, BayCertificates certificates, String uuid, String purpose,
            String certificatePem, String encryptedKey, OffsetDateTime now)
    {
        insert(tx, certificates.bayUuid(), certificates.projectId(), certificates.userId(), uuid, purpose,
                certificatePem, encryptedKey, now);
    }

    private static void insert(DSLContext tx, String bayUuid, String projectId, String userId, String uuid,
            String purpose, String certificatePem, String encryptedKey, OffsetDateTime now)
    {
        X509keypairRecord row = tx.newRecord(X509KEYPAIR);
        row.setUuid(uuid);
        row.setName(purpose);
        row.setProjectId(projectId);
        row.setUserId(userId);
        row.setBayUuid(bayUuid);
        row.setPurpose(purpose);
        row.setCertificate(certificatePem);
        row.setPrivateKey(encryptedKey);
        row.setCreatedAt(now);
        row.insert();
    }

    private static void update(DSLContext tx, X509keypairRecord existing, X509keypairRecord template, String purpose,
            String certificatePem, String encryptedKey, OffsetDateTime now)
    {
        if (existing == null) {
            // half a set (a row deleted by hand): complete it as the bay's other row says
            insert(tx, template.getBayUuid(), template.getProjectId(), template.getUserId(),
                    UUID.randomUUID().toString(), purpose, certificatePem, encryptedKey, now);
            return;
        }
        tx.update(X509KEYPAIR)
                .set(X509KEYPAIR.CERTIFICATE, certificatePem)
                .set(X509KEYPAIR.PRIVATE_KEY, encryptedKey)
                .set(X509KEYPAIR.UPDATED_AT, now)
                .where(X509KEYPAIR.ID.eq(existing.getId()))
                .execute();
    }
}
