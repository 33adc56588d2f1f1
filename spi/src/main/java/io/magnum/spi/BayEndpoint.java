package io.magnum.spi;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a driver reaches a bay's COE: the API address and, unless the baymodel turned TLS off, the material for
 * mutual TLS (the bay's CA, and a client certificate and key it signed for the conductor).
 *
 * <pre>{@code
 * endpoint.tls().ifPresent(tls -> configureClient(endpoint.apiAddress(), tls.caPem(), tls.certificatePem(), tls.privateKeyPem()));
 * }</pre>
 *
 * @param apiAddress      the COE API, such as {@code https://172.24.4.3:6443}
 * @param nodeAddresses   the bay's node addresses, as its outputs give them
 * @param tls             the TLS material, empty when TLS is off
 */
public record BayEndpoint(String apiAddress, List<String> nodeAddresses, Optional<Tls> tls)
{
    public BayEndpoint
    {
        requireNonNull(apiAddress, "apiAddress is null");
        nodeAddresses = List.copyOf(requireNonNull(nodeAddresses, "nodeAddresses is null"));
        requireNonNull(tls, "tls is null");
    }

    /**
     * PEM material for mutual TLS with the COE.
     *
     * @param caPem          the bay's CA
     * @param certificatePem the client certificate
     * @param privateKeyPem  its private key
     */
    public record Tls(String caPem, String certificatePem, String privateKeyPem)
    {
        public Tls
        {
            requireNonNull(caPem, "caPem is null");
            requireNonNull(certificatePem, "certificatePem is null");
            requireNonNull(privateKeyPem, "privateKeyPem is null");
        }

        @Override
        public String toString()
        {
            return "Tls[key hidden]";
        }
    }
}
