package io.magnum;

import io.magnum.model.Certificate;

/**
 * The bays' certificate authorities: every bay has its own CA, made with the bay. Show it, have it sign a client
 * certificate, or replace it.
 *
 * <pre>{@code
 * String ca = magnum.certificates().ca("k8sbay").pem();                    // magnum ca-show --bay k8sbay
 * String cert = magnum.certificates().sign("k8sbay", csrPem).pem();        // magnum ca-sign --bay k8sbay --csr csr.pem
 * }</pre>
 */
public interface Certificates
{
    /**
     * @param bay the bay's uuid or name
     * @return its CA certificate
     * @throws NotFoundException when there is no such bay, or it has no CA yet
     */
    Certificate ca(String bay);

    /**
     * Signs a PEM certificate signing request with the bay's CA: a client (and server) certificate with the CSR's
     * subject and alternative names.
     *
     * @param bay the bay's uuid or name
     * @param csr the CSR, PEM-encoded
     * @return the signed certificate
     * @throws InvalidInputException when the CSR is malformed, badly signed, too weak or asks for a CA
     */
    Certificate sign(String bay, String csr);

    /**
     * Replaces the bay's CA (Magnum's {@code ca-rotate}): certificates signed by the old one stop verifying.
     *
     * @param bay the bay's uuid or name
     * @return the new CA certificate
     */
    Certificate rotate(String bay);
}
