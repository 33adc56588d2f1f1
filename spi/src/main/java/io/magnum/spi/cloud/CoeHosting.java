package io.magnum.spi.cloud;

import java.util.List;
import java.util.Optional;

import io.magnum.spi.BayEndpoint;

import static java.util.Objects.requireNonNull;

/**
 * A cloud that serves bays' COE APIs itself, on this machine, instead of on the bay's servers: LocalCloud does, so
 * pods and containers of its bays go over real HTTP. magnum4j asks for the endpoint when a bay's stack completes
 * (and again, idempotently, before it connects to the COE) and uses the address returned as the bay's
 * {@code api_address}; it releases the endpoint when the bay is deleted. A real cloud has none
 * ({@link Cloud#coeHosting()} is empty).
 */
public interface CoeHosting
{
    /**
     * Starts the endpoint of a bay, or returns the one already running for it.
     *
     * @param bay the bay
     * @return the address to use as the bay's {@code api_address}: the stack's address with this machine's host
     *         and port (same scheme), or the stack's address unchanged when this cloud cannot serve that COE
     */
    String host(HostedBay bay);

    /**
     * Stops a bay's endpoint; nothing happens when none runs.
     *
     * @param bayUuid the bay
     */
    void release(String bayUuid);

    /**
     * What the cloud needs to serve a bay's COE.
     *
     * @param bayUuid         the bay
     * @param coe             its COE, such as {@code kubernetes}
     * @param stackApiAddress the {@code api_address} the driver read from the stack's outputs
     * @param nodeAddresses   the bay's node addresses
     * @param serverTls       when TLS is on: the bay's CA, and a server certificate it signed for this machine
     *                        ({@code 127.0.0.1}, {@code localhost}) with its key; the endpoint must serve it and
     *                        accept only client certificates the same CA signed
     */
    record HostedBay(String bayUuid, String coe, String stackApiAddress, List<String> nodeAddresses,
                     Optional<BayEndpoint.Tls> serverTls)
    {
        public HostedBay
        {
            requireNonNull(bayUuid, "bayUuid is null");
            requireNonNull(coe, "coe is null");
            requireNonNull(stackApiAddress, "stackApiAddress is null");
            nodeAddresses = List.copyOf(requireNonNull(nodeAddresses, "nodeAddresses is null"));
            requireNonNull(serverTls, "serverTls is null");
        }
    }
}
