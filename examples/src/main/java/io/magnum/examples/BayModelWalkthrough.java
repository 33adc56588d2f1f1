package io.magnum.examples;

import io.magnum.BayModels;
import io.magnum.Magnum;
import io.magnum.MagnumException;
import io.magnum.local.LocalCloud;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.MagnumService;
import io.magnum.model.PatchOperation;

import java.io.PrintStream;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The baymodel part of Magnum's walkthrough (the seed's "Creating a Kubernetes Bay"), run on the embedded default:
 * LocalCloud and an in-memory H2 database. Before each step it prints the {@code magnum} command the step stands
 * for, then what the python client prints for it.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java
 * }</pre>
 */
public final class BayModelWalkthrough
{
    private final PrintStream out;
    private boolean started;

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
        try (Magnum magnum = Magnum.builder().cloud(LocalCloud.create()).build()) {
            run(magnum, out);
        }
    }

    /**
     * Runs the walkthrough on a Magnum the caller owns. Its cloud must hold LocalCloud's default inventory.
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
        show(bayModels.create(BayModelSpec.builder()
                .name("swarmbaymodel")
                .imageId("fedora-21-atomic-5")
                .keypairId("testkey")
                .externalNetworkId("public")
                .dnsNameserver("8.8.8.8")
                .flavorId("m1.medium")
                .networkDriver("docker")
                .coe("swarm")
                .build()));

        command("baymodel-create --name mesosbaymodel",
                "--image-id ubuntu-mesos",
                "--keypair-id testkey",
                "--external-network-id public",
                "--coe mesos");
        show(bayModels.create(BayModelSpec.builder()
                .name("mesosbaymodel")
                .imageId("ubuntu-mesos")
                .keypairId("testkey")
                .externalNetworkId("public")
                .dnsNameserver("8.8.8.8")
                .flavorId("m1.medium")
                .coe("mesos")
                .build()));

        command("baymodel-list");
        out.println(Tables.list(List.of("uuid", "name"),
                bayModels.list().stream().map(model -> List.of(model.uuid(), model.name())).toList()));

        command("baymodel-show k8sbaymodel");
        show(bayModels.get("k8sbaymodel"));

        command("baymodel-update k8sbaymodel replace docker_volume_size=10");
        show(bayModels.update("k8sbaymodel", PatchOperation.parse("replace", "docker_volume_size=10")));

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
        if (started) {
            out.println();
        }
        started = true;
        StringBuilder line = new StringBuilder("$ magnum ").append(first);
        for (String option : more) {
            line.append(" \\\n  ").append(option);
        }
        out.println(line);
    }

    private void show(BayModel model)
    {
        out.println(Tables.show(model.attributes()));
    }
}
