package io.magnum.examples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

final class BayModelWalkthroughTest
{
    private static String output;

    @BeforeAll
    static void runTheWalkthrough()
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            BayModelWalkthrough.run(out);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
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
                "$ magnum service-list",
                "$ magnum baymodel-create --name calicobaymodel");
    }

    @Test
    void listsTheThreeBaymodels()
    {
        String list = section("$ magnum baymodel-list", "$ magnum baymodel-show");
        assertThat(list).containsPattern("\n\\| uuid +\\| name +\\|\n");
        assertThat(list).containsPattern("\\| [0-9a-f-]{36} \\| k8sbaymodel +\\|");
        assertThat(list).containsSubsequence("k8sbaymodel", "swarmbaymodel", "mesosbaymodel");
    }

    @Test
    void showsEveryFieldOfTheKubernetesBaymodel()
    {
        String show = section("$ magnum baymodel-show k8sbaymodel", "$ magnum baymodel-update");
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
        String update = section("$ magnum baymodel-update", "$ magnum service-list");
        assertThat(update).containsPattern("\\| docker_volume_size +\\| 10 +\\|");
        assertThat(update).doesNotContainPattern("\\| updated_at +\\| None");
    }

    @Test
    void listsTheConductorAsUp()
    {
        String services = section("$ magnum service-list", "$ magnum baymodel-create --name calicobaymodel");
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

    /** The text from the line starting with {@code from} up to the line starting with {@code to}. */
    private static String section(String from, String to)
    {
        int start = output.indexOf(from);
        int end = output.indexOf(to, start + from.length());
        assertThat(start).as("position of %s", from).isNotNegative();
        assertThat(end).as("position of %s", to).isGreaterThan(start);
        return output.substring(start, end);
    }
}
