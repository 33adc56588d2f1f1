package io.magnum.core;

import io.magnum.BayListener;
import io.magnum.BayModels;
import io.magnum.BayObjects;
import io.magnum.CoeServices;
import io.magnum.Containers;
import io.magnum.Pods;
import io.magnum.Quotas;
import io.magnum.model.Quota;
import io.magnum.ReplicationControllers;
import io.magnum.core.coe.ManifestObjectService;
import io.magnum.model.CoeService;
import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.model.Pod;
import io.magnum.model.ReplicationController;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ObjectKind;
import io.magnum.BayOperation;
import io.magnum.Bays;
import io.magnum.Certificates;
import io.magnum.InvalidInputException;
import io.magnum.Magnum;
import io.magnum.MagnumServices;
import io.magnum.RequestContext;
import io.magnum.core.policy.Policy;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.Certificate;
import io.magnum.model.ListOptions;
import io.magnum.model.MagnumService;
import io.magnum.model.Page;
import io.magnum.model.PatchOperation;

import java.util.List;
import java.util.Optional;

/** A {@link Magnum} that runs every call as one {@link RequestContext}. The owner view closes the runtime. */
public final class MagnumView implements Magnum
{
    private final MagnumRuntime runtime;
    private final RequestContext context;
    private final boolean owner;
    private final BayModels bayModels = new BayModelsView();
    private final Bays bays = new BaysView();
    private final Certificates certificates = new CertificatesView();
    private final MagnumServices magnumServices = new ServicesView();
    private final Pods pods = new PodsView();
    private final CoeServices coeServices = new CoeServicesView();
    private final ReplicationControllers replicationControllers = new ReplicationControllersView();
    private final Containers containers = new ContainersView();

    public MagnumView(MagnumRuntime runtime, RequestContext context, boolean owner)
    {
        this.runtime = runtime;
        this.context = context;
        this.owner = owner;
    }

    @Override
    public BayModels bayModels()
    {
        return bayModels;
    }

    @Override
    public Bays bays()
    {
        return bays;
    }

    @Override
    public Certificates certificates()
    {
        return certificates;
    }

    @Override
    public MagnumServices magnumServices()
    {
        return magnumServices;
    }

    @Override
    public Pods pods()
    {
        return pods;
    }

    @Override
    public CoeServices services()
    {
        return coeServices;
    }

    @Override
    public ReplicationControllers replicationControllers()
    {
        return replicationControllers;
    }

    @Override
    public Containers containers()
    {
        return containers;
    }

    @Override
    public Quotas quotas()
    {
        return new QuotasView();
    }

    @Override
    public RequestContext context()
    {
        return context;
    }

    @Override
    public Magnum as(RequestContext context)
    {
        if (context == null) {
            throw InvalidInputException.of("context", "a request context is required");
        }
        runtime.ensureOpen();
        return new MagnumView(runtime, context, false);
    }

    @Override
    public void close()
    {
        if (owner) {
            runtime.close();
        }
    }

    /** @return the shared internals; for tests and the other internal modules, not API */
    public MagnumRuntime runtime()
    {
        return runtime;
    }

    @Override
    public String toString()
    {
        return "Magnum[" + context.projectId() + "/" + context.userId() + (runtime.isClosed() ? ", closed]" : "]");
    }

    private final class BayModelsView implements BayModels
    {
        @Override
        public BayModel create(BayModelSpec spec)
        {
            return runtime.guard().call("create baymodel", () -> runtime.bayModels().create(context, spec));
        }

        @Override
        public BayModel get(String ident)
        {
            return runtime.guard().call("show baymodel", () -> runtime.bayModels().get(context, ident));
        }

        @Override
        public Optional<BayModel> find(String ident)
        {
            return runtime.guard().call("show baymodel", () -> runtime.bayModels().find(context, ident));
        }

        @Override
        public List<BayModel> list()
        {
            return runtime.guard().call("list baymodels", () -> allPages(
                    marker -> runtime.bayModels().list(context, ListOptions.builder().marker(marker).build())));
        }

        @Override
        public Page<BayModel> list(ListOptions options)
        {
            return runtime.guard().call("list baymodels", () -> runtime.bayModels().list(context, options));
        }

        @Override
        public BayModel update(String ident, List<PatchOperation> operations)
        {
            return runtime.guard().call("update baymodel", () -> {
                if (operations == null) {
                    throw InvalidInputException.of("patch", "a patch needs at least one operation");
                }
                return runtime.bayModels().update(context, ident, operations);
            });
        }

        @Override
        public void delete(String ident)
        {
            runtime.guard().run("delete baymodel", () -> runtime.bayModels().delete(context, ident));
        }
    }

    private final class BaysView implements Bays
    {
        @Override
        public BayOperation create(BaySpec spec)
        {
            return runtime.guard().call("create bay", () -> runtime.bays().create(context, spec));
        }

        @Override
        public Bay get(String ident)
        {
            return runtime.guard().call("show bay", () -> runtime.bays().get(context, ident));
        }

        @Override
        public io.magnum.model.BayStats stats(String projectId)
        {
            return runtime.guard().call("show stats", () -> runtime.bays().stats(context, projectId));
        }

        @Override
        public Optional<Bay> find(String ident)
        {
            return runtime.guard().call("show bay", () -> runtime.bays().find(context, ident));
        }

        @Override
        public List<Bay> list()
        {
            return runtime.guard().call("list bays", () -> allPages(
                    marker -> runtime.bays().list(context, ListOptions.builder().marker(marker).build())));
        }

        @Override
        public Page<Bay> list(ListOptions options)
        {
            return runtime.guard().call("list bays", () -> runtime.bays().list(context, options));
        }

        @Override
        public BayOperation update(String ident, List<PatchOperation> operations)
        {
            return runtime.guard().call("update bay", () -> runtime.bays().update(context, ident, operations));
        }

        @Override
        public BayOperation delete(String ident)
        {
            return runtime.guard().call("delete bay", () -> runtime.bays().delete(context, ident));
        }

        @Override
        public BayOperation watch(String ident)
        {
            return runtime.guard().call("watch bay", () -> runtime.bays().watch(context, ident));
        }

        @Override
        public void addListener(BayListener listener)
        {
            if (listener == null) {
                throw InvalidInputException.of("listener", "a listener is required");
            }
            runtime.bayEvents().addListener(listener);
        }

        @Override
        public void removeListener(BayListener listener)
        {
            runtime.bayEvents().removeListener(listener);
        }
    }

    private final class CertificatesView implements Certificates
    {
        @Override
        public Certificate ca(String bay)
        {
            return runtime.guard().call("show the bay CA", () -> {
                Bay b = runtime.bays().get(context, bay);
                return new Certificate(b.uuid(), runtime.certificates().caPem(b.uuid()), null);
            });
        }

        @Override
        public Certificate sign(String bay, String csr)
        {
            return runtime.guard().call("sign a certificate", () -> {
                Bay b = runtime.bays().get(context, bay);
                Policy.requireOwnerOrAdmin(context, b.projectId(), "sign certificates of bay " + bay);
                return new Certificate(b.uuid(), runtime.certificates().sign(b.uuid(), csr), csr);
            });
        }

        @Override
        public Certificate rotate(String bay)
        {
            return runtime.guard().call("rotate the bay CA", () -> {
                Bay b = runtime.bays().get(context, bay);
                Policy.requireOwnerOrAdmin(context, b.projectId(), "rotate the CA of bay " + bay);
                runtime.certificates().rotate(b.uuid());
                runtime.connections().certificatesChanged(b);
                return new Certificate(b.uuid(), runtime.certificates().caPem(b.uuid()), null);
            });
        }
    }

    private final class ServicesView implements MagnumServices
    {
        @Override
        public List<MagnumService> list()
        {
            return runtime.guard().call("list services", () -> {
                Policy.requireAdmin(context, "list Magnum services");
                return runtime.services().list();
            });
        }
    }

    private final class QuotasView implements Quotas
    {
        @Override
        public Quota create(String projectId, String resource, int hardLimit)
        {
            return runtime.guard().call("create quota", () -> runtime.quotas().create(context, projectId, resource,
                    hardLimit));
        }

        @Override
        public Quota get(String projectId, String resource)
        {
            return runtime.guard().call("show quota", () -> runtime.quotas().get(context, projectId, resource));
        }

        @Override
        public List<Quota> list(boolean allProjects)
        {
            return runtime.guard().call("list quotas", () -> runtime.quotas().list(context, allProjects));
        }

        @Override
        public Quota update(String projectId, String resource, int hardLimit)
        {
            return runtime.guard().call("update quota", () -> runtime.quotas().update(context, projectId, resource,
                    hardLimit));
        }

        @Override
        public void delete(String projectId, String resource)
        {
            runtime.guard().run("delete quota", () -> runtime.quotas().delete(context, projectId, resource));
        }
    }

    /** The three manifest object sub-APIs differ only in their kind and their model type. */
    private abstract class ObjectsView<T> implements BayObjects<T>
    {
        private final ObjectKind kind;
        private final String noun;

        ObjectsView(ObjectKind kind, String noun)
        {
            this.kind = kind;
            this.noun = noun;
        }

        abstract T convert(ManifestObjectService.Found found);

        @Override
        public T create(String bay, String manifest)
        {
            return runtime.guard().call("create " + noun, () -> convert(
                    runtime.manifestObjects().create(context, kind, bay, manifest)));
        }

        @Override
        public T create(String bay, java.nio.file.Path manifest)
        {
            return runtime.guard().call("create " + noun, () -> convert(
                    runtime.manifestObjects().create(context, kind, bay, manifest)));
        }

        @Override
        public T createFromUrl(String bay, String manifestUrl)
        {
            return runtime.guard().call("create " + noun, () -> convert(
                    runtime.manifestObjects().createFromUrl(context, kind, bay, manifestUrl)));
        }

        @Override
        public T updateFromUrl(String bay, String ident, String manifestUrl)
        {
            return runtime.guard().call("update " + noun, () -> convert(
                    runtime.manifestObjects().replaceFromUrl(context, kind, bay, ident, manifestUrl)));
        }

        @Override
        public List<T> list(String bay)
        {
            return runtime.guard().call("list " + noun + "s", () -> runtime.manifestObjects().list(context, kind, bay)
                    .stream().map(this::convert).toList());
        }

        @Override
        public T get(String bay, String ident)
        {
            return runtime.guard().call("show " + noun, () -> convert(
                    runtime.manifestObjects().get(context, kind, bay, ident)));
        }

        @Override
        public Optional<T> find(String bay, String ident)
        {
            return runtime.guard().call("show " + noun, () -> runtime.manifestObjects().find(context, kind, bay, ident)
                    .map(this::convert));
        }

        @Override
        public T update(String bay, String ident, String manifest)
        {
            return runtime.guard().call("update " + noun, () -> convert(
                    runtime.manifestObjects().replace(context, kind, bay, ident, manifest)));
        }

        @Override
        public T patch(String bay, String ident, String patch)
        {
            return runtime.guard().call("update " + noun, () -> convert(
                    runtime.manifestObjects().patch(context, kind, bay, ident, patch)));
        }

        @Override
        public void delete(String bay, String ident)
        {
            runtime.guard().run("delete " + noun, () -> runtime.manifestObjects().delete(context, kind, bay, ident));
        }
    }

    private final class PodsView extends ObjectsView<Pod> implements Pods
    {
        PodsView()
        {
            super(ObjectKind.POD, "pod");
        }

        @Override
        Pod convert(ManifestObjectService.Found found)
        {
            CoeObject o = found.object();
            return new Pod(o.uuid(), o.name(), found.bayUuid(), o.labels(), o.images(), o.host(), o.status(),
                    o.manifest());
        }
    }

    private final class CoeServicesView extends ObjectsView<CoeService> implements CoeServices
    {
        CoeServicesView()
        {
            super(ObjectKind.SERVICE, "service");
        }

        @Override
        CoeService convert(ManifestObjectService.Found found)
        {
            CoeObject o = found.object();
            return new CoeService(o.uuid(), o.name(), found.bayUuid(), o.labels(), o.selector(), o.ports(), o.ip(),
                    o.manifest());
        }
    }

    private final class ReplicationControllersView extends ObjectsView<ReplicationController>
            implements ReplicationControllers
    {
        ReplicationControllersView()
        {
            super(ObjectKind.REPLICATION_CONTROLLER, "replication controller");
        }

        @Override
        ReplicationController convert(ManifestObjectService.Found found)
        {
            CoeObject o = found.object();
            return new ReplicationController(o.uuid(), o.name(), found.bayUuid(), o.labels(), o.images(), o.selector(),
                    o.replicas().orElse(0), o.manifest());
        }

        @Override
        public ReplicationController scale(String bay, String ident, int replicas)
        {
            if (replicas < 0) {
                throw InvalidInputException.of("replicas", "replicas must be zero or more, not " + replicas);
            }
            return patch(bay, ident, "{\"spec\":{\"replicas\":" + replicas + "}}");
        }
    }

    private final class ContainersView implements Containers
    {
        @Override
        public Container create(ContainerSpec spec)
        {
            return runtime.guard().call("create container", () -> runtime.containers().create(context, spec));
        }

        @Override
        public Container get(String ident)
        {
            return runtime.guard().call("show container", () -> runtime.containers().get(context, ident));
        }

        @Override
        public Optional<Container> find(String ident)
        {
            return runtime.guard().call("show container", () -> runtime.containers().find(context, ident));
        }

        @Override
        public List<Container> list()
        {
            return runtime.guard().call("list containers", () -> allPages(
                    marker -> runtime.containers().list(context, ListOptions.builder().marker(marker).build())));
        }

        @Override
        public Page<Container> list(ListOptions options)
        {
            return runtime.guard().call("list containers", () -> runtime.containers().list(context, options));
        }

        @Override
        public Container start(String ident)
        {
            return act("start", ident, ContainerEngine::start);
        }

        @Override
        public Container stop(String ident)
        {
            return act("stop", ident, ContainerEngine::stop);
        }

        @Override
        public Container pause(String ident)
        {
            return act("pause", ident, ContainerEngine::pause);
        }

        @Override
        public Container unpause(String ident)
        {
            return act("unpause", ident, ContainerEngine::unpause);
        }

        @Override
        public Container reboot(String ident)
        {
            return act("reboot", ident, ContainerEngine::reboot);
        }

        @Override
        public String exec(String ident, String command)
        {
            return runtime.guard().call("exec in container", () -> {
                if (command == null || command.isBlank()) {
                    throw InvalidInputException.of("command", "a command is required");
                }
                return runtime.containers().read(context, ident, "exec in",
                        (engine, id) -> engine.exec(id, command));
            });
        }

        @Override
        public String logs(String ident)
        {
            return runtime.guard().call("show container logs", () -> runtime.containers().read(context, ident,
                    "read the logs of", ContainerEngine::logs));
        }

        @Override
        public void delete(String ident)
        {
            runtime.guard().run("delete container", () -> runtime.containers().delete(context, ident));
        }

        private Container act(String verb, String ident,
                java.util.function.BiFunction<ContainerEngine, String, ContainerState> action)
        {
            return runtime.guard().call(verb + " container", () -> runtime.containers().act(context, ident, verb,
                    action));
        }
    }

    /** Every page, so {@code list()} never silently stops at the API's page limit. */
    private static <T> List<T> allPages(java.util.function.Function<String, Page<T>> page)
    {
        List<T> all = new java.util.ArrayList<>();
        String marker = null;
        while (true) {
            Page<T> next = page.apply(marker);
            all.addAll(next.items());
            if (next.nextMarker().isEmpty()) {
                return List.copyOf(all);
            }
            marker = next.nextMarker().get();
        }
    }
}
