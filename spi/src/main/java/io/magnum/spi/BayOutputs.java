package io.magnum.spi;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The bay fields a driver reads from its stack's outputs: Magnum's output mapping.
 *
 * <pre>{@code
 * return new BayOutputs(Optional.of("https://" + ip + ":6443"), masters, minions, Optional.empty());
 * }</pre>
 *
 * @param apiAddress      the COE API endpoint, when known
 * @param masterAddresses the masters' addresses
 * @param nodeAddresses   the nodes' addresses
 * @param discoveryUrl    a discovery URL the stack reports, if any
 */
public record BayOutputs(Optional<String> apiAddress, List<String> masterAddresses, List<String> nodeAddresses,
        Optional<String> discoveryUrl)
{
    public BayOutputs
    {
        requireNonNull(apiAddress, "apiAddress is null");
        masterAddresses = List.copyOf(requireNonNull(masterAddresses, "masterAddresses is null"));
        nodeAddresses = List.copyOf(requireNonNull(nodeAddresses, "nodeAddresses is null"));
        requireNonNull(discoveryUrl, "discoveryUrl is null");
    }
}
