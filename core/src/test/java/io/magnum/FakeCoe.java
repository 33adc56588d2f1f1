package io.magnum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.DriverKey;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;

/**
 * A driver whose COE lives in memory: the facade's own logic (status gate, policy, records, error mapping,
 * connection reuse) is tested with it; real COEs are the engines' tests. Manifests are "kind/name[/image]" lines.
 */
class FakeCoe extends LifecycleTest.TestDriver
{
    final Map<String, CoeObject> objects = new ConcurrentHashMap<>();
    final Map<String, ContainerState> containers = new ConcurrentHashMap<>();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final List<BayEndpoint> endpoints = new ArrayList<>();
    volatile CoeException failNext;

    FakeCoe()
    {
        super("fake_v1", new DriverKey("fake", "vm", "ubuntu"), java.util.Set.of("none"));
    }

    @Override
    public synchronized CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        connects.incrementAndGet();
        endpoints.add(endpoint);
        return new CoeConnection()
        {
            @Override
            public Optional<ManifestObjects> manifests()
            {
                return Optional.of(new Objects());
            }

            @Override
            public Optional<ContainerEngine> containers()
            {
                return Optional.of(new Engine());
            }

            @Override
            public void close()
            {
                closes.incrementAndGet();
            }
        };
    }

    private void maybeFail()
    {
        CoeException e = failNext;
        if (e != null) {
            failNext = null;
            throw e;
        }
    }

    private static String key(ObjectKind kind, String name)
    {
        return kind + "/" + name;
    }

    private final class Objects implements ManifestObjects
    {
        private CoeObject parse(ObjectKind kind, Manifest manifest, String uid)
        {
            String[] parts = manifest.text().strip().split("/");
            if (parts.length < 2) {
                throw CoeException.invalid("manifest", "a fake manifest is kind/name[/image]");
            }
            if (!parts[0].equals(kind.manifestKind())) {
                throw CoeException.invalid("manifest", "kind " + parts[0] + " is not " + kind.manifestKind());
            }
            List<String> images = parts.length > 2 ? List.of(parts[2]) : List.of();
            return new CoeObject(kind, uid, parts[1], Map.of("name", parts[1]), Map.of("app", parts[1]), images,
                    Optional.of("10.0.0.0"), Optional.of("Running"), Optional.of(1), List.of(), Optional.empty(),
                    manifest.text());
        }

        @Override
        public CoeObject create(ObjectKind kind, Manifest manifest)
        {
            maybeFail();
            CoeObject o = parse(kind, manifest, UUID.randomUUID().toString());
            if (objects.putIfAbsent(key(kind, o.name()), o) != null) {
                throw new CoeException(CoeException.Reason.CONFLICT, o.name() + " already exists");
            }
            return o;
        }

        @Override
        public List<CoeObject> list(ObjectKind kind)
        {
            maybeFail();
            return objects.values().stream().filter(o -> o.kind() == kind).toList();
        }

        @Override
        public Optional<CoeObject> get(ObjectKind kind, String name)
        {
            maybeFail();
            return objects.values().stream().filter(o -> o.kind() == kind)
                    .filter(o -> o.name().equals(name) || o.uuid().equals(name)).findFirst();
        }

        @Override
        public CoeObject replace(ObjectKind kind, String name, Manifest manifest)
        {
            maybeFail();
            CoeObject old = objects.get(key(kind, name));
            if (old == null) {
                throw new CoeException(CoeException.Reason.NOT_FOUND, name + " not found");
            }
            CoeObject o = parse(kind, manifest, old.uuid());
            objects.put(key(kind, name), o);
            return o;
        }

        @Override
        public CoeObject patch(ObjectKind kind, String name, Manifest patch)
        {
            CoeObject old = objects.get(key(kind, name));
            if (old == null) {
                throw new CoeException(CoeException.Reason.NOT_FOUND, name + " not found");
            }
            int replicas = Integer.parseInt(patch.text().replaceAll("[^0-9]", ""));
            CoeObject o = new CoeObject(kind, old.uuid(), old.name(), old.labels(), old.selector(), old.images(),
                    old.host(), old.status(), Optional.of(replicas), old.ports(), old.ip(), old.manifest());
            objects.put(key(kind, name), o);
            return o;
        }

        @Override
        public boolean delete(ObjectKind kind, String name)
        {
            maybeFail();
            return objects.remove(key(kind, name)) != null;
        }
    }

    private final class Engine implements ContainerEngine
    {
        private ContainerState state(String id)
        {
            ContainerState state = containers.get(id);
            if (state == null) {
                throw new CoeException(CoeException.Reason.NOT_FOUND, "no container " + id);
            }
            return state;
        }

        private ContainerState set(String id, ContainerStatus status)
        {
            state(id);
            ContainerState next = ContainerState.of(id, status);
            containers.put(id, next);
            return next;
        }

        @Override
        public ContainerState create(ContainerSpec spec)
        {
            maybeFail();
            if (spec.image().equals("missing")) {
                throw CoeException.invalid("image", "no image missing on this bay");
            }
            ContainerState state = ContainerState.of("docker-" + spec.uuid(), ContainerStatus.STOPPED);
            containers.put(state.id(), state);
            return state;
        }

        @Override
        public ContainerState inspect(String id)
        {
            maybeFail();
            return state(id);
        }

        @Override
        public void delete(String id)
        {
            maybeFail();
            containers.remove(id);
        }

        @Override
        public ContainerState start(String id)
        {
            return set(id, ContainerStatus.RUNNING);
        }

        @Override
        public ContainerState stop(String id)
        {
            return set(id, ContainerStatus.STOPPED);
        }

        @Override
        public String exec(String id, String command)
        {
            if (state(id).status() != ContainerStatus.RUNNING) {
                throw new CoeException(CoeException.Reason.CONFLICT, "container " + id + " is not running");
            }
            return "ran " + command;
        }

        @Override
        public String logs(String id)
        {
            state(id);
            return "log of " + id;
        }
    }
}
