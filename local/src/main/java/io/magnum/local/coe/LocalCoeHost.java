package io.magnum.local.coe;

import io.magnum.spi.cloud.CoeHosting.HostedBay;

/**
 * Serves one COE's API for LocalCloud's bays on 127.0.0.1. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.magnum.local.coe.LocalCoeHost}); LocalCloud makes one
 * instance of each and closes it with itself.
 */
public interface LocalCoeHost extends AutoCloseable
{
    /** @return the COE served, such as {@code kubernetes} */
    String coe();

    /**
     * Every COE this host serves, when it serves several alike (a Docker front serves {@code swarm} and a plain
     * {@code docker} COE).
     *
     * @return the COEs, {@link #coe()} alone by default
     */
    default java.util.Set<String> coes()
    {
        return java.util.Set.of(coe());
    }

    /**
     * Starts serving a bay. Called at most once per bay between {@link #stop} calls.
     *
     * @param bay the bay, with the server TLS material when TLS is on
     * @return the address to give as the bay's {@code api_address}
     * @throws LocalCoeUnavailableException when this machine lacks what the COE needs (such as a Docker engine)
     */
    String start(HostedBay bay);

    /**
     * The bay's nodes changed (it was scaled): a host that models nodes (Kubernetes) registers the new ones and drops
     * the gone ones. Does nothing by default.
     *
     * @param bayUuid       the bay
     * @param nodeAddresses its node addresses now
     */
    default void nodesChanged(String bayUuid, java.util.List<String> nodeAddresses)
    {
    }

    /**
     * Stops serving a bay and frees what it held.
     *
     * @param bayUuid the bay
     */
    void stop(String bayUuid);

    /** Stops every bay's endpoint. */
    @Override
    void close();
}
