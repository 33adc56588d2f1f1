package io.magnum.core.cert;

import static java.util.Objects.requireNonNull;

/**
 * A bay's certificates as stored: its CA and the conductor's client certificate, keys in the clear.
 *
 * @param bayUuid       the bay
 * @param projectId     the bay's project
 * @param userId        the user who created the bay
 * @param caUuid        the uuid of the CA's row; kept across rotations, fit for {@code bay.ca_cert_ref}
 * @param ca            the CA
 * @param conductorUuid the uuid of the conductor certificate's row; kept across rotations, fit for
 *                      {@code bay.magnum_cert_ref}
 * @param conductor     the conductor's client certificate ({@code CN=Magnum-Conductor})
 */
public record BayCertificates(String bayUuid, String projectId, String userId, String caUuid, CaMaterial ca,
        String conductorUuid, IssuedCertificate conductor)
{
    public BayCertificates
    {
        requireNonNull(bayUuid, "bayUuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(caUuid, "caUuid is null");
        requireNonNull(ca, "ca is null");
        requireNonNull(conductorUuid, "conductorUuid is null");
        requireNonNull(conductor, "conductor is null");
    }
}
