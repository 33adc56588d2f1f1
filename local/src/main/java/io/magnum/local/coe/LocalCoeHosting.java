package io.magnum.local.coe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.spi.cloud.CoeHosting;

import static java.util.Objects.requireNonNull;

/**
 * LocalCloud's {@link CoeHosting}: hands each bay to the {@link LocalCoeHost} of its COE and remembers the address
 * it got, so asking again is cheap and idempotent. A COE with no host here, or a host that cannot run on this
 * machine, keeps the stack's address (and its object calls then fail as unreachable).
 */
public final class LocalCoeHosting implements CoeHosting, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(LocalCoeHosting.class);

    private final Map<String, LocalCoeHost> hosts;
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();

    private record Hosted(LocalCoeHost host, String address, List<String> nodes)
    {
    }

    /** @param hosts the hosts, at most one per COE */
    public LocalCoeHosting(List<LocalCoeHost> hosts)
    {
        Map<String, LocalCoeHost> byCoe = new LinkedHashMap<>();
        for (LocalCoeHost host : hosts) {
            for (String coe : host.coes()) {
                LocalCoeHost other = byCoe.putIfAbsent(coe, host);
                if (other != null) {
                    throw new IllegalArgumentException("two local hosts serve " + coe + ": "
                            + other.getClass().getName() + " and " + host.getClass().getName());
                }
            }
        }
        this.hosts = Map.copyOf(byCoe);
    }

    /**
     * @return hosting with every {@link LocalCoeHost} found by {@link ServiceLoader} on this class's loader
     */
    public static LocalCoeHosting discover()
    {
        List<LocalCoeHost> found = ServiceLoader.load(LocalCoeHost.class, LocalCoeHosting.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        return new LocalCoeHosting(found);
    }

    @Override
    public String host(HostedBay bay)
    {
        requireNonNull(bay, "bay is null");
        LocalCoeHost host = hosts.get(bay.coe());
        if (host == null) {
            return bay.stackApiAddress();
        }
        try {
            Hosted current = hosted.compute(bay.bayUuid(), (uuid, old) -> {
                if (old == null) {
                    return new Hosted(host, host.start(bay), bay.nodeAddresses());
                }
                if (!old.nodes().equals(bay.nodeAddresses())) {
                    host.nodesChanged(uuid, bay.nodeAddresses());
                    return new Hosted(host, old.address(), bay.nodeAddresses());
                }
                return old;
            });
            return current.address();
        }
        catch (LocalCoeUnavailableException e) {
            log.warn("Bay {}: no local {} endpoint on this machine ({}); its api_address stays {}", bay.bayUuid(),
                    bay.coe(), e.getMessage(), bay.stackApiAddress());
            return bay.stackApiAddress();
        }
    }

    @Override
    public void release(String bayUuid)
    {
        Hosted gone = hosted.remove(bayUuid);
        if (gone != null) {
            gone.host().stop(bayUuid);
        }
    }

    /** @return the COEs served here */
    public java.util.Set<String> coes()
    {
        return hosts.keySet();
    }

    @Override
    public void close()
    {
        hosted.clear();
        for (LocalCoeHost host : new java.util.LinkedHashSet<>(hosts.values())) {
            try {
                host.close();
            }
            catch (RuntimeException e) {
                log.warn("Closing the local {} host failed: {}", host.coe(), e.toString());
            }
        }
    }
}
