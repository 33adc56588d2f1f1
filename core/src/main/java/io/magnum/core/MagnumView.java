package io.magnum.core;

import io.magnum.BayListener;
import io.magnum.BayModels;
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
            return runtime.guard().call("list baymodels", () -> {
                // every page, so "list" never silently stops at the API's page limit
                List<BayModel> all = new java.util.ArrayList<>();
                String marker = null;
                while (true) {
                    Page<BayModel> page = runtime.bayModels().list(context,
                            ListOptions.builder().marker(marker).build());
                    all.addAll(page.items());
                    if (page.nextMarker().isEmpty()) {
                        return List.copyOf(all);
                    }
                    marker = page.nextMarker().get();
                }
            });
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
        public Optional<Bay> find(String ident)
        {
            return runtime.guard().call("show bay", () -> runtime.bays().find(context, ident));
        }

        @Override
        public List<Bay> list()
        {
            return runtime.guard().call("list bays", () -> {
                List<Bay> all = new java.util.ArrayList<>();
                String marker = null;
                while (true) {
                    Page<Bay> page = runtime.bays().list(context, ListOptions.builder().marker(marker).build());
                    all.addAll(page.items());
                    if (page.nextMarker().isEmpty()) {
                        return List.copyOf(all);
                    }
                    marker = page.nextMarker().get();
                }
            });
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
}
