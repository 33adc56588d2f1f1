package io.magnum.core.coe;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.ConflictException;
import io.magnum.NotSupportedException;
import io.magnum.core.baymodel.BayModelValidator;
import io.magnum.core.cert.CertificateService;
import io.magnum.core.cert.TlsMaterial;
import io.magnum.core.driver.DriverRegistry;
import io.magnum.core.store.BayModelStore;
import io.magnum.core.store.BayStore;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayStatus;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.CoeHosting;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;

/**
 * One driver connection per bay, opened on first use and shared by every caller; reopened when the bay's address
 * or certificates change, closed when the bay goes or magnum4j closes. Also asks a cloud that hosts COE APIs
 * itself (LocalCloud) for the bay's local endpoint, and stores that as the bay's {@code api_address}.
 */
@Singleton
public final class CoeConnections implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(CoeConnections.class);

    private final Cloud cloud;
    private final BayStore bays;
    private final BayModelStore bayModels;
    private final DriverRegistry drivers;
    private final CertificateService certificates;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final Set<String> hosted = ConcurrentHashMap.newKeySet();
    private final Map<String, TlsMaterial> serverMaterial = new ConcurrentHashMap<>();

    /** A bay's connection, with the baymodel it was opened for (a baymodel in use keeps its COE and TLS fields). */
    private record Open(String apiAddress, BayModel model, CoeConnection connection)
    {
    }

    /** A bay ready for COE calls: its driver's connection, with the bay and baymodel it was opened for. */
    public record Target(Bay bay, BayModel model, CoeConnection connection)
    {
    }

    @Inject
    public CoeConnections(Cloud cloud, BayStore bays, BayModelStore bayModels, DriverRegistry drivers,
            CertificateService certificates)
    {
        this.cloud = cloud;
        this.bays = bays;
        this.bayModels = bayModels;
        this.drivers = drivers;
        this.certificates = certificates;
    }

    /**
     * The connection to a bay's COE.
     *
     * @param bay the bay, already checked for policy
     * @return the bay (with its current api_address), its baymodel and the connection
     * @throws ConflictException     if the bay is not {@code CREATE_COMPLETE} or {@code UPDATE_COMPLETE}
     * @throws NotSupportedException if the bay's driver manages no COE objects
     */
    public Target connect(Bay bay)
    {
        if (bay.status() != BayStatus.CREATE_COMPLETE && bay.status() != BayStatus.UPDATE_COMPLETE) {
            throw new ConflictException("Bay " + label(bay) + " is " + bay.status()
                    + "; its COE objects can be reached only when it is CREATE_COMPLETE or UPDATE_COMPLETE");
        }
        Open cached = open.get(bay.uuid());
        if (cached != null && cached.apiAddress().equals(bay.apiAddress())
                && (cloud.coeHosting().isEmpty() || hosted.contains(bay.uuid()))) {
            return new Target(bay, cached.model(), cached.connection()); // the hot path: no store read
        }
        BayModel model = bayModels.findByUuid(bay.bayModelId(), BayModelStore.visibleTo(null))
                .orElseThrow(() -> new ConflictException("Bay " + label(bay) + " has lost its baymodel "
                        + bay.bayModelId()));
        if (bay.apiAddress() == null || bay.apiAddress().isBlank()) {
            throw new ConflictException("Bay " + label(bay) + " has no api_address yet");
        }
        Bay current = bay;
        if (cloud.coeHosting().isPresent() && !hosted.contains(bay.uuid())) {
            String address = host(bay, model, bay.apiAddress());
            if (!address.equals(bay.apiAddress())) {
                bays.updateApiAddress(bay.uuid(), address);
                current = withApiAddress(bay, address);
            }
        }
        CoeDriver driver = driverOf(model);
        String address = current.apiAddress();
        Bay target = current;
        Open connection = open.compute(bay.uuid(), (uuid, old) -> {
            if (old != null && old.apiAddress().equals(address)) {
                return old;
            }
            if (old != null) {
                closeQuietly(uuid, old.connection());
            }
            return new Open(address, model, openConnection(driver, target, model));
        });
        return new Target(current, model, connection.connection());
    }

    /**
     * The address a bay whose stack just completed should show: the cloud's local endpoint when the cloud hosts
     * COE APIs, else the stack's own.
     *
     * @param bay      the bay, with the node addresses the stack's outputs give
     * @param model    its baymodel
     * @param stackApi the address read from the stack's outputs, or null
     * @return the address to store
     */
    public String settledAddress(Bay bay, BayModel model, String stackApi)
    {
        if (stackApi == null || stackApi.isBlank() || cloud.coeHosting().isEmpty()) {
            return stackApi;
        }
        try {
            // a scaled bay asks again: the host learns its nodes now
            hosted.remove(bay.uuid());
            return host(bay, model, stackApi);
        }
        catch (RuntimeException e) {
            log.warn("Bay {}: the cloud could not host its {} API ({}); keeping {}", bay.uuid(), model.coe(),
                    e.toString(), stackApi);
            return stackApi;
        }
    }

    /**
     * Forgets a bay's connection and stops its hosted endpoint: the bay is gone, or its certificates changed.
     *
     * @param bayUuid the bay
     */
    public void release(String bayUuid)
    {
        serverMaterial.remove(bayUuid);
        Open gone = open.remove(bayUuid);
        if (gone != null) {
            closeQuietly(bayUuid, gone.connection());
        }
        if (hosted.remove(bayUuid)) {
            cloud.coeHosting().ifPresent(hosting -> {
                try {
                    hosting.release(bayUuid);
                }
                catch (RuntimeException e) {
                    log.warn("Bay {}: releasing its local COE endpoint failed: {}", bayUuid, e.toString());
                }
            });
        }
    }

    /**
     * After a certificate rotation: the connection and the local endpoint used the old CA. Reopens the endpoint at
     * once when the bay is complete, so its api_address stays right.
     *
     * @param bay the bay
     */
    public void certificatesChanged(Bay bay)
    {
        boolean wasHosted = hosted.contains(bay.uuid());
        release(bay.uuid());
        if (wasHosted && bay.status().complete()) {
            bayModels.findByUuid(bay.bayModelId(), BayModelStore.visibleTo(null)).ifPresent(model -> {
                String address = settledAddress(bay, model, bay.apiAddress());
                if (address != null && !address.equals(bay.apiAddress())) {
                    bays.updateApiAddress(bay.uuid(), address);
                }
            });
        }
    }

    /**
     * The bay is gone: on a cloud that hosts COE APIs itself, its containers run on this machine and would outlive
     * the bay, so they are deleted through the COE (best effort); on a real cloud they went with the servers. Then
     * the connection and the endpoint are released.
     *
     * @param bay    the bay
     * @param coeIds the COE's ids of the bay's containers
     */
    public void bayDeleted(Bay bay, java.util.List<String> coeIds)
    {
        if (!coeIds.isEmpty() && cloud.coeHosting().isPresent() && bay.apiAddress() != null) {
            try {
                Open current = open.get(bay.uuid());
                CoeConnection connection = current != null ? current.connection() : null;
                boolean opened = false;
                if (connection == null) {
                    BayModel model = bayModels.findByUuid(bay.bayModelId(), BayModelStore.visibleTo(null)).orElse(null);
                    if (model != null) {
                        connection = openConnection(driverOf(model), bay, model);
                        opened = true;
                    }
                }
                if (connection != null) {
                    connection.containers().ifPresent(engine -> coeIds.forEach(id -> {
                        try {
                            engine.delete(id);
                        }
                        catch (RuntimeException e) {
                            log.warn("Bay {}: deleting container {} failed: {}", bay.uuid(), id, e.getMessage());
                        }
                    }));
                    if (opened) {
                        closeQuietly(bay.uuid(), connection);
                    }
                }
            }
            catch (RuntimeException e) {
                log.warn("Bay {}: its containers could not be deleted: {}", bay.uuid(), e.getMessage());
            }
        }
        release(bay.uuid());
    }

    /** @return how many bays have an open connection */
    public int openCount()
    {
        return open.size();
    }

    private String host(Bay bay, BayModel model, String stackApi)
    {
        CoeHosting hosting = cloud.coeHosting().orElseThrow();
        Optional<BayEndpoint.Tls> serverTls = Optional.empty();
        if (!model.tlsDisabled()) {
            // one server key per bay and CA: making RSA keys is the slow part of hosting
            TlsMaterial server = serverMaterial.computeIfAbsent(bay.uuid(), certificates::localServerMaterial);
            serverTls = Optional.of(new BayEndpoint.Tls(server.caPem(), server.certificatePem(),
                    server.privateKeyPem()));
        }
        String address = hosting.host(new CoeHosting.HostedBay(bay.uuid(), model.coe(), stackApi,
                bay.nodeAddresses(), serverTls));
        hosted.add(bay.uuid());
        return address;
    }

    private CoeConnection openConnection(CoeDriver driver, Bay bay, BayModel model)
    {
        Optional<BayEndpoint.Tls> tls = Optional.empty();
        if (!model.tlsDisabled()) {
            TlsMaterial material = certificates.tlsMaterial(bay.uuid());
            tls = Optional.of(new BayEndpoint.Tls(material.caPem(), material.certificatePem(),
                    material.privateKeyPem()));
        }
        BayEndpoint endpoint = new BayEndpoint(bay.apiAddress(), bay.nodeAddresses(), tls);
        CoeConnection connection;
        try {
            connection = driver.connect(BayModelValidator.view(model), endpoint);
        }
        catch (CoeException e) {
            throw CoeErrors.translate(e);
        }
        if (connection == null) {
            throw new NotSupportedException("Driver " + driver.name() + " gave no connection for bay " + label(bay));
        }
        log.debug("Bay {}: opened a {} connection to {}", bay.uuid(), driver.name(), bay.apiAddress());
        return connection;
    }

    private CoeDriver driverOf(BayModel model)
    {
        return drivers.find(new DriverKey(model.coe(), model.serverType(), model.clusterDistro()))
                .orElseThrow(() -> new NotSupportedException("Bay type (" + model.serverType() + ", "
                        + model.clusterDistro() + ", " + model.coe() + ") not supported"));
    }

    private static Bay withApiAddress(Bay bay, String address)
    {
        return new Bay(bay.uuid(), bay.name(), bay.projectId(), bay.userId(), bay.bayModelId(), bay.stackId(),
                bay.status(), bay.statusReason(), bay.nodeCount(), bay.masterCount(), bay.discoveryUrl(), address,
                bay.nodeAddresses(), bay.masterAddresses(), bay.bayCreateTimeout(), bay.createdAt(),
                bay.updatedAt());
    }

    private static String label(Bay bay)
    {
        return bay.name() == null ? bay.uuid() : bay.name();
    }

    private static void closeQuietly(String bayUuid, CoeConnection connection)
    {
        try {
            connection.close();
        }
        catch (Exception e) {
            log.warn("Bay {}: closing its COE connection failed: {}", bayUuid, e.toString());
        }
    }

    /** Closes every connection. Hosted endpoints belong to the cloud, which closes them with itself. */
    @Override
    public void close()
    {
        for (String uuid : Set.copyOf(open.keySet())) {
            Open gone = open.remove(uuid);
            if (gone != null) {
                closeQuietly(uuid, gone.connection());
            }
        }
    }
}
