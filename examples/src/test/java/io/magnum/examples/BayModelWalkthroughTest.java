package io.magnum.examples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class BayModelWalkthroughTest
{
    private static final String BAY_LIST_HEADER =
            "\n\\| uuid +\\| name +\\| node_count +\\| master_count +\\| status +\\|\n";

    private static String output;
    /** The output cut before every command line ({@code $ magnum ...}) and comment line ({@code # ...}). */
    private static List<String> steps;

    @BeforeAll
    static void runTheWalkthrough()
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            BayModelWalkthrough.run(out);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
        steps = List.of(output.split("\n(?=\\$ magnum |# )"));
    }

    @Test
    void printsEachCommandBeforeItsOutput()
    {
        assertThat(output).startsWith("$ magnum baymodel-create --name k8sbaymodel \\\n  --image-id fedora-21-atomic-5 \\\n");
        assertThat(output).containsSubsequence(
                "$ magnum baymodel-create --name k8sbaymodel",
                "$ magnum baymodel-create --name swarmbaymodel",
                "$ magnum baymodel-create --name mesosbaymodel",
                "$ magnum baymodel-list",
                "$ magnum baymodel-show k8sbaymodel",
                "$ magnum baymodel-update k8sbaymodel replace docker_volume_size=10",
                "$ magnum bay-create --name k8sbay --baymodel k8sbaymodel --node-count 1\n",
                "# wait until k8sbay is CREATE_COMPLETE\n",
                "$ magnum bay-list\n",
                "$ magnum bay-show k8sbay\n",
                "$ magnum bay-update k8sbay replace node_count=2\n",
                "# wait until k8sbay is UPDATE_COMPLETE\n",
                "$ magnum bay-show k8sbay\n",
                "$ magnum pod-create --manifest ./redis-master.yaml --bay k8sbay\n",
                "$ magnum coe-service-create --manifest ./redis-sentinel-service.yaml --bay k8sbay\n",
                "$ magnum rc-create --manifest ./redis-controller.yaml --bay k8sbay\n",
                "$ magnum rc-create --manifest ./redis-sentinel-controller.yaml --bay k8sbay\n",
                "$ magnum pod-list --bay k8sbay\n",
                "$ magnum coe-service-list --bay k8sbay\n",
                "$ magnum rc-list --bay k8sbay\n",
                "$ magnum rc-show redis --bay k8sbay\n",
                "$ magnum pod-show redis-master --bay k8sbay\n",
                "$ magnum ca-show --bay k8sbay\n",
                "$ magnum ca-sign --bay k8sbay --csr client.csr\n",
                "$ magnum bay-delete k8sbay\n",
                "# wait until k8sbay is gone\n",
                "$ magnum bay-list\n",
                "$ magnum service-list",
                "$ magnum baymodel-create --name calicobaymodel");
    }

    @Test
    void showsTheTableOfTheKubernetesBaymodelOnly()
    {
        assertThat(step("baymodel-create --name k8sbaymodel", 1)).containsPattern("\\| name +\\| k8sbaymodel +\\|");
        assertThat(step("baymodel-create --name swarmbaymodel", 1)).doesNotContain("|");
        assertThat(step("baymodel-create --name mesosbaymodel", 1)).doesNotContain("|");
    }

    @Test
    void listsTheThreeBaymodels()
    {
        String list = step("baymodel-list", 1);
        assertThat(list).containsPattern("\n\\| uuid +\\| name +\\|\n");
        assertThat(list).containsPattern("\\| [0-9a-f-]{36} \\| k8sbaymodel +\\|");
        assertThat(list).containsSubsequence("k8sbaymodel", "swarmbaymodel", "mesosbaymodel");
    }

    @Test
    void showsEveryFieldOfTheKubernetesBaymodel()
    {
        String show = step("baymodel-show k8sbaymodel", 1);
        assertThat(show).containsPattern("\n\\| Property +\\| Value +\\|\n");
        assertThat(show).containsPattern("\\| name +\\| k8sbaymodel +\\|");
        assertThat(show).containsPattern("\\| cluster_distro +\\| fedora-atomic +\\|");
        assertThat(show).containsPattern("\\| docker_volume_size +\\| 5 +\\|");
        assertThat(show).containsPattern("\\| network_driver +\\| flannel +\\|");
        assertThat(show).containsPattern("\\| master_flavor_id +\\| None +\\|");
        assertThat(show).containsPattern("\\| tls_disabled +\\| False +\\|");
        assertThat(show).containsPattern("\\| labels +\\| \\{\\} +\\|");
        assertThat(show).containsPattern("\\| created_at +\\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00 +\\|");
    }

    @Test
    void updateShowsTheNewVolumeSize()
    {
        String update = step("baymodel-update", 1);
        assertThat(update).containsPattern("\\| docker_volume_size +\\| 10 +\\|");
        assertThat(update).doesNotContainPattern("\\| updated_at +\\| None");
    }

    @Test
    void bayCreateShowsTheAcceptedBay()
    {
        String create = step("bay-create", 1);
        assertThat(create).containsPattern("\n\\| Property +\\| Value +\\|\n");
        assertThat(create).containsPattern("\\| status +\\| CREATE_IN_PROGRESS +\\|");
        assertThat(create).containsPattern("\\| name +\\| k8sbay +\\|");
        assertThat(create).containsPattern("\\| node_count +\\| 1 +\\|");
        assertThat(create).containsPattern("\\| master_count +\\| 1 +\\|");
        assertThat(create).containsPattern("\\| bay_create_timeout +\\| 0 +\\|");
    }

    @Test
    void bayListShowsTheCompleteBayWithTheClientsColumns()
    {
        String list = step("bay-list", 1);
        assertThat(list).containsPattern(BAY_LIST_HEADER);
        assertThat(list).containsPattern("\n\\| [0-9a-f-]{36} \\| k8sbay +\\| 1 +\\| 1 +\\| CREATE_COMPLETE +\\|\n");
        assertThat(list.lines().filter(line -> line.startsWith("| "))).hasSize(2);
    }

    @Test
    void bayShowPrintsEveryFieldOfTheBuiltBay()
    {
        String show = step("bay-show k8sbay", 1);
        assertThat(show).containsPattern("\n\\| Property +\\| Value +\\|\n");
        assertThat(show).containsPattern("\\| status +\\| CREATE_COMPLETE +\\|");
        assertThat(show).containsPattern("\\| status_reason +\\| Stack CREATE completed successfully +\\|");
        assertThat(show).containsPattern("\\| api_address +\\| https://127\\.0\\.0\\.1:\\d+ +\\|");
        assertThat(show).containsPattern("\\| node_count +\\| 1 +\\|");
        // a Python list, as the client prints it, without the u'' of Python 2
        assertThat(show).containsPattern("\\| node_addresses +\\| \\['172\\.24\\.\\d+\\.\\d+'\\] +\\|");
        assertThat(show).containsPattern("\\| master_addresses +\\| \\['172\\.24\\.\\d+\\.\\d+'\\] +\\|");
        assertThat(show).containsPattern("\\| discovery_url +\\| https://discovery\\.etcd\\.io/[0-9a-f]+ +\\|");
        assertThat(show).containsPattern("\\| created_at +\\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00 +\\|");
        assertThat(show).doesNotContainPattern("\\| (stack_id|updated_at|api_address) +\\| None");
    }

    @Test
    void bayUpdateScalesToTwoNodes()
    {
        String update = step("bay-update k8sbay replace node_count=2", 1);
        assertThat(update).containsPattern("\\| status +\\| UPDATE_IN_PROGRESS +\\|");
        assertThat(update).containsPattern("\\| node_count +\\| 2 +\\|");

        String show = step("bay-show k8sbay", 2);
        assertThat(show).containsPattern("\\| status +\\| UPDATE_COMPLETE +\\|");
        assertThat(show).containsPattern("\\| node_count +\\| 2 +\\|");
        assertThat(show).containsPattern(
                "\\| node_addresses +\\| \\['172\\.24\\.\\d+\\.\\d+', '172\\.24\\.\\d+\\.\\d+'\\] +\\|");
        assertThat(show).containsPattern("\\| master_count +\\| 1 +\\|");
    }

    @Test
    void caShowPrintsThePem()
    {
        String ca = step("ca-show --bay k8sbay", 1);
        assertThat(ca).containsPattern(
                "^\\$ magnum ca-show --bay k8sbay\n-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n");
    }

    @Test
    void bayDeleteIsAcceptedAndTheBayIsGone()
    {
        assertThat(step("bay-delete k8sbay", 1))
                .isEqualTo("$ magnum bay-delete k8sbay\nRequest to delete bay k8sbay has been accepted.\n");
        String list = step("bay-list", 2);
        assertThat(list).containsPattern(BAY_LIST_HEADER);
        assertThat(list).doesNotContain("k8sbay");
        assertThat(list).endsWith("+\n+------+------+------------+--------------+--------+\n");
        assertThat(list.lines().filter(line -> line.startsWith("| "))).hasSize(1);
    }

    @Test
    void listsTheConductorAsUp()
    {
        String services = step("service-list", 1);
        assertThat(services).containsPattern("\n\\| id +\\| host +\\| binary +\\| state +\\|\n");
        assertThat(services).containsPattern("\\| 1 +\\| .+ \\| magnum-conductor +\\| up +\\|");
    }

    @Test
    void refusesCalicoForKubernetesOnOneLine()
    {
        assertThat(output).containsPattern("\nERROR: network_driver 'calico' is not supported by coe kubernetes[^\n]*"
                + " \\(HTTP 400\\)\n$");
        assertThat(output).doesNotContainPattern("\\| name +\\| calicobaymodel");
    }

    /**
     * The {@code n}th step (from 1) whose command starts with {@code command}: its command line and what it printed,
     * up to the next command or comment.
     */
    private static String step(String command, int n)
    {
        List<String> matching = steps.stream().filter(step -> step.startsWith("$ magnum " + command)).toList();
        assertThat(matching).as("steps of %s", command).hasSizeGreaterThanOrEqualTo(n);
        String step = matching.get(n - 1);
        // the blank line before the next command belongs to neither
        return step.endsWith("\n\n") ? step.substring(0, step.length() - 1) : step.endsWith("\n") ? step : step + "\n";
    }

    @Test
    void runsTheRedisExampleOnTheBay()
    {
        assertThat(step("pod-create --manifest ./redis-master.yaml --bay k8sbay", 1))
                .containsPattern("\\| name +\\| redis-master +\\|").containsPattern("\\| status +\\| Running +\\|");
        assertThat(step("rc-create --manifest ./redis-controller.yaml --bay k8sbay", 1))
                .containsPattern("\\| replicas +\\| 2 +\\|");
        assertThat(step("rc-create --manifest ./redis-sentinel-controller.yaml --bay k8sbay", 1))
                .containsPattern("\\| replicas +\\| 2 +\\|");
        assertThat(step("rc-list --bay k8sbay", 1)).contains("| redis ").contains("| redis-sentinel ");
        assertThat(step("coe-service-list --bay k8sbay", 1)).contains("| redis-sentinel ");
        assertThat(step("ca-sign --bay k8sbay --csr client.csr", 1)).contains("-----BEGIN CERTIFICATE-----");
    }

    /**
     * The controllers' pods: redis adopted redis-master (its selector, name=redis, matches) and made one more; the
     * sentinels made two of theirs (redis-master already has a controller).
     */
    @Test
    void podListShowsTheControllersPods()
    {
        String pods = step("pod-list --bay k8sbay", 1);
        assertThat(pods).containsPattern("\n\\| uuid +\\| name +\\|\n");
        assertThat(pods.lines().filter(line -> line.startsWith("| "))).as("the header and four pods").hasSize(5);
        assertThat(pods.lines().filter(line -> line.matches("\\| [0-9a-f-]{36} \\| redis-master +\\|")))
                .hasSize(1);
        assertThat(pods.lines().filter(line -> line.matches("\\| [0-9a-f-]{36} \\| redis-[a-z0-9]{5} +\\|")))
                .hasSize(1);
        assertThat(pods.lines().filter(line -> line.matches(
                "\\| [0-9a-f-]{36} \\| redis-sentinel-[a-z0-9]{5} +\\|"))).hasSize(2);
    }
}
