package io.magnum.model;

import static java.util.Objects.requireNonNull;

/**
 * A bay's certificate as {@code ca-show} and {@code ca-sign} give it: the bay it belongs to, the PEM, and for a
 * signed one the CSR it answers.
 *
 * <pre>{@code
 * String ca = magnum.certificates().ca("k8sbay").pem();
 * }</pre>
 *
 * @param bayUuid the bay
 * @param pem     the certificate, PEM-encoded
 * @param csr     the signing request, or null for the CA
 */
public record Certificate(String bayUuid, String pem, String csr)
{
    public Certificate
    {
        requireNonNull(bayUuid, "bayUuid is null");
        requireNonNull(pem, "pem is null");
    }
}
