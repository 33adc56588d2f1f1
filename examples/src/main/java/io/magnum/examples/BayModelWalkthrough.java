package io.magnum.examples;

import io.magnum.BayModels;
import io.magnum.BayOperation;
import io.magnum.Bays;
import io.magnum.Magnum;
import io.magnum.MagnumException;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.MagnumService;
import io.magnum.model.PatchOperation;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Magnum's walkthrough (the seed's sections 4.1 "Creating a Kubernetes Bay" and 4.2 "Using Kubernetes Bay"), run on
 * the embedded default: LocalCloud and an in-memory H2 database. It creates the baymodels, then a Kubernetes bay,
 * lists and shows it, scales it to two nodes, runs the replicated redis example on it (the redis-master pod, the
 * sentinel service, both controllers at two replicas, their lists, among them the controllers' pods), shows its CA, signs a fresh CSR and deletes it. Before each step it prints the {@code magnum} command the step stands for, then
 * what the python client (2.x) prints for it. Where the client returns at once and the seed tells you to come back
 * later (the bay is {@code *_IN_PROGRESS}), the walkthrough waits for the bay to settle and says so in a
 * {@code #} comment line.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java
 * }</pre>
 */
public final class BayModelWalkthrough
{
    /** How long to wait for a bay to settle; on LocalCloud a create takes a second or two (its CA is made). */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final PrintStream out;
    /** Whether the next command gets a blank line before it (not the first, nor one right after a comment). */
    private boolean gap;

    private BayModelWalkthrough(PrintStream out)
    {
        this.out = out;
    }

    public static void main(String[] args)
    {
        run(System.out);
    }

    /**
     * Starts an embedded Magnum, runs the walkthrough on it and closes it.
     *
     * @param out where the commands and their output go
     */
    public static void run(PrintStream out)
    {
        requireNonNull(out, "out is null");
        // LocalCloud's stacks settle at once; a short status-sync interval lets the bays follow them quickly
        try (Magnum magnum = Magnum.builder()
                .cloud(LocalCloud.create())
                .syncInterval(Duration.ofMillis(50))
                .build()) {
            run(magnum, out);
        }
    }

    /**
     * Runs the walkthrough on a Magnum the caller owns. Its cloud must hold LocalCloud's default inventory, and it
     * must have no bay named {@code k8sbay} and no baymodels of the walkthrough's names.
     *
     * @param magnum the Magnum to use; not closed
     * @param out    where the commands and their output go
     */
    public static void run(Magnum magnum, PrintStream out)
    {
        requireNonNull(magnum, "magnum is null");
        new BayModelWalkthrough(requireNonNull(out, "out is null")).walk(magnum);
    }

    private void walk(Magnum magnum)
    {
        BayModels bayModels = magnum.bayModels();

        command("baymodel-create --name k8sbaymodel",
                "--image-id fedora-21-atomic-5",
                "--keypair-id testkey",
                "--external-network-id public",
                "--dns-nameserver 8.8.8.8",
                "--flavor-id m1.small",
                "--docker-volume-size 5",
                "--network-driver flannel",
                "--coe kubernetes");
        show(bayModels.create(BayModelSpec.builder()
                .name("k8sbaymodel")
                .imageId("fedora-21-atomic-5")
                .keypairId("testkey")
                .externalNetworkId("public")
                .dnsNameserver("8.8.8.8")
                .flavorId("m1.small")
                .dockerVolumeSize(5)
                .networkDriver("flannel")
                .coe("kubernetes")
                .build()));

        // the python client fills in --flavor-id m1.medium and --dns-nameserver 8.8.8.8 when they are left out
        command("baymodel-create --name swarmbaymodel",
                "--image-id fedora-21-atomic-5",
                "--keypair-id testkey",
                "--external-network-id public",
                "--network-driver docker",
                "--coe swarm");
        // only the Kubernetes baymodel's table is printed; the other two look the same but for their fields
        bayModels.create(BayModelSpec.builder()
                .name("swarmbaymodel")
                .imageId("fedora-21-atomic-5")
                .keypairId("testkey")
                .externalNetworkId("public")
                .dnsNameserver("8.8.8.8")
                .flavorId("m1.medium")
                .networkDriver("docker")
                .coe("swarm")
                .build());

        command("baymodel-create --name mesosbaymodel",
                "--image-id ubuntu-mesos",
                "--keypair-id testkey",
                "--external-network-id public",
                "--coe mesos");
        bayModels.create(BayModelSpec.builder()
                .name("mesosbaymodel")
                .imageId("ubuntu-mesos")
                .keypairId("testkey")
                .externalNetworkId("public")
                .dnsNameserver("8.8.8.8")
                .flavorId("m1.medium")
                .coe("mesos")
                .build());

        command("baymodel-list");
        out.println(Tables.list(List.of("uuid", "name"),
                bayModels.list().stream().map(model -> List.of(model.uuid(), model.name())).toList()));

        command("baymodel-show k8sbaymodel");
        show(bayModels.get("k8sbaymodel"));

        command("baymodel-update k8sbaymodel replace docker_volume_size=10");
        show(bayModels.update("k8sbaymodel", PatchOperation.parse("replace", "docker_volume_size=10")));

        walkTheBay(magnum);

        command("service-list");
        List<MagnumService> services = magnum.magnumServices().list();
        out.println(Tables.list(List.of("id", "host", "binary", "state"),
                services.stream().map(s -> List.<Object>of(s.id(), s.host(), s.binary(), s.state())).toList()));

        // Kubernetes bays only know flannel: Magnum refuses the baymodel and stores nothing
        command("baymodel-create --name calicobaymodel",
                "--image-id fedora-21-atomic-5",
                "--keypair-id testkey",
                "--external-network-id public",
                "--network-driver calico",
                "--coe kubernetes");
        try {
            bayModels.create(BayModelSpec.builder()
                    .name("calicobaymodel")
                    .imageId("fedora-21-atomic-5")
                    .keypairId("testkey")
                    .externalNetworkId("public")
                    .dnsNameserver("8.8.8.8")
                    .flavorId("m1.medium")
                    .networkDriver("calico")
                    .coe("kubernetes")
                    .build());
            throw new IllegalStateException("Magnum accepted network driver calico for kubernetes");
        }
        catch (MagnumException e) {
            out.println(error(e));
        }
    }

    /** The bay part: create, list, show, scale to two nodes, ca-show, delete. */
    private void walkTheBay(Magnum magnum)
    {
        Bays bays = magnum.bays();

        command("bay-create --name k8sbay --baymodel k8sbaymodel --node-count 1");
        BayOperation create = bays.create(BaySpec.of("k8sbay", "k8sbaymodel", 1));
        show(create.accepted());

        // the client returns at once; the seed lists the bay once Magnum has made it CREATE_COMPLETE
        comment("wait until k8sbay is CREATE_COMPLETE");
        bays.awaitStable("k8sbay", TIMEOUT);
        command("bay-list");
        bayList(bays);

        command("bay-show k8sbay");
        show(bays.get("k8sbay"));

        command("bay-update k8sbay replace node_count=2");
        BayOperation update = bays.update("k8sbay", PatchOperation.parse("replace", "node_count=2"));
        show(update.accepted());

        comment("wait until k8sbay is UPDATE_COMPLETE");
        update.await(TIMEOUT);
        command("bay-show k8sbay");
        show(bays.get("k8sbay"));

        walkTheRedisExample(magnum);

        command("ca-show --bay k8sbay");
        out.println(magnum.certificates().ca("k8sbay").pem().strip());

        comment("openssl req -new -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=admin");
        command("ca-sign --bay k8sbay --csr client.csr");
        out.println(magnum.certificates().sign("k8sbay", Csr.fresh("admin")).pem().strip());

        command("bay-delete k8sbay");
        BayOperation delete = bays.delete("k8sbay");
        out.println("Request to delete bay k8sbay has been accepted.");

        comment("wait until k8sbay is gone");
        delete.await(TIMEOUT);
        command("bay-list");
        bayList(bays);
    }

    /**
     * The seed's section 4.2: the replicated redis example on the bay, through its Kubernetes API (on LocalCloud, a
     * local one over mutual TLS with the bay's certificates).
     */
    private void walkTheRedisExample(Magnum magnum)
    {
        command("pod-create --manifest ./redis-master.yaml --bay k8sbay");
        show(magnum.pods().create("k8sbay", manifest("redis-master.yaml")).attributes());

        command("coe-service-create --manifest ./redis-sentinel-service.yaml --bay k8sbay");
        show(magnum.services().create("k8sbay", manifest("redis-sentinel-service.yaml")).attributes());

        comment("sed -i 's/\\(replicas: \\)1/\\1 2/' redis-controller.yaml");
        command("rc-create --manifest ./redis-controller.yaml --bay k8sbay");
        show(magnum.replicationControllers().create("k8sbay", twoReplicas(manifest("redis-controller.yaml")))
                .attributes());

        comment("sed -i 's/\\(replicas: \\)1/\\1 2/' redis-sentinel-controller.yaml");
        command("rc-create --manifest ./redis-sentinel-controller.yaml --bay k8sbay");
        show(magnum.replicationControllers().create("k8sbay", twoReplicas(manifest("redis-sentinel-controller.yaml")))
                .attributes());

        command("pod-list --bay k8sbay");
        out.println(Tables.list(List.of("uuid", "name"), magnum.pods().list("k8sbay").stream()
                .map(pod -> List.<Object>of(pod.uuid(), pod.name())).toList()));

        command("coe-service-list --bay k8sbay");
        out.println(Tables.list(List.of("uuid", "name", "bay_uuid"), magnum.services().list("k8sbay").stream()
                .map(service -> List.<Object>of(service.uuid(), service.name(), service.bayUuid())).toList()));

        command("rc-list --bay k8sbay");
        out.println(Tables.list(List.of("uuid", "name", "bay_uuid"), magnum.replicationControllers().list("k8sbay")
                .stream().map(rc -> List.<Object>of(rc.uuid(), rc.name(), rc.bayUuid())).toList()));

        command("rc-show redis --bay k8sbay");
        show(magnum.replicationControllers().get("k8sbay", "redis").attributes());

        command("pod-show redis-master --bay k8sbay");
        show(magnum.pods().get("k8sbay", "redis-master").attributes());
    }

    /** One of the redis example's manifests, as shipped with the examples. */
    private static String manifest(String file)
    {
        try (var in = BayModelWalkthrough.class.getResourceAsStream("redis/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the examples lack redis/" + file);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the seed's sed does: {@code replicas: 1} becomes {@code replicas: 2}. */
    static String twoReplicas(String manifest)
    {
        return manifest.replaceAll("(replicas: )1\\b", "$12");
    }

    /** {@code bay-list}: the python client's columns. */
    private void bayList(Bays bays)
    {
        out.println(Tables.list(List.of("uuid", "name", "node_count", "master_count", "status"),
                bays.list().stream()
                        .map(bay -> List.<Object>of(bay.uuid(), bay.name(), bay.nodeCount(), bay.masterCount(),
                                bay.status()))
                        .toList()));
    }

    /**
     * The line the python client prints for a failed command (on standard error, with exit status 1; here on
     * {@code out}, so the walkthrough reads in order).
     *
     * @param e the failure
     * @return {@code ERROR: <message> (HTTP <status>)}, on one line
     */
    static String error(MagnumException e)
    {
        return "ERROR: " + e.getMessage().replaceAll("\\s*\\R\\s*", " ") + " (HTTP " + e.code().httpStatus() + ")";
    }

    /** Prints a command as the seed writes it: one option per continued line when there are several. */
    private void command(String first, String... more)
    {
        if (gap) {
            out.println();
        }
        gap = true;
        StringBuilder line = new StringBuilder("$ magnum ").append(first);
        for (String option : more) {
            line.append(" \\\n  ").append(option);
        }
        out.println(line);
    }

    /** Prints a shell comment, such as what the reader waits for, right above the next command. */
    private void comment(String text)
    {
        out.println();
        out.println("# " + text);
        gap = false;
    }

    private void show(BayModel model)
    {
        out.println(Tables.show(model.attributes()));
    }

    private void show(Bay bay)
    {
        out.println(Tables.show(bay.attributes()));
    }

    private void show(java.util.Map<String, Object> attributes)
    {
        out.println(Tables.show(attributes));
    }
}
