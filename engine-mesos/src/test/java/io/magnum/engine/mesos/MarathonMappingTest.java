package io.magnum.engine.mesos;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Addresses, ids, memory and statuses, without a server. */
class MarathonMappingTest
{
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aBareApiAddressMeansMarathonOnPort8080()
    {
        assertThat(MarathonAddress.of("172.24.4.3")).hasToString("http://172.24.4.3:8080");
        assertThat(MarathonAddress.of(" 172.24.4.3 ")).hasToString("http://172.24.4.3:8080");
        assertThat(MarathonAddress.of("172.24.4.3:18080")).hasToString("http://172.24.4.3:18080");
        assertThat(MarathonAddress.of("master.example")).hasToString("http://master.example:8080");
        assertThat(MarathonAddress.of("fd00::5")).hasToString("http://[fd00::5]:8080");
        assertThat(MarathonAddress.of("[fd00::5]:9090")).hasToString("http://[fd00::5]:9090");
    }

    @Test
    void anAddressWithASchemeIsKept()
    {
        assertThat(MarathonAddress.of("http://127.0.0.1:41234")).hasToString("http://127.0.0.1:41234");
        assertThat(MarathonAddress.of("http://127.0.0.1:41234/")).hasToString("http://127.0.0.1:41234");
        assertThat(MarathonAddress.of("http://10.0.0.1")).hasToString("http://10.0.0.1:8080");
        assertThat(MarathonAddress.of("https://10.0.0.1")).hasToString("https://10.0.0.1:8443");
        assertThat(MarathonAddress.of("HTTP://dcos.example/marathon/")).hasToString("http://dcos.example:8080/marathon");
    }

    @Test
    void aBadAddressIsInvalid()
    {
        for (String bad : new String[]{"", "  ", "tcp://10.0.0.1:2376", "http://"}) {
            assertThatThrownBy(() -> MarathonAddress.of(bad)).as(bad).isInstanceOfSatisfying(CoeException.class,
                    e -> {
                        assertThat(e.reason()).isEqualTo(CoeException.Reason.INVALID);
                        assertThat(e.field()).hasValue("api_address");
                    });
        }
    }

    @Test
    void appIdsComeFromNames()
    {
        assertThat(MarathonAppId.fromName("redis")).isEqualTo("/redis");
        assertThat(MarathonAppId.fromName("Redis_Master-1")).isEqualTo("/redis-master-1");
        assertThat(MarathonAppId.fromName("web.front")).isEqualTo("/web.front");
        assertThat(MarathonAppId.path("/a/b")).isEqualTo("/a/b");
        assertThat(MarathonAppId.path("a/")).isEqualTo("/a");
    }

    @Test
    void memoryIsDockerNotationInMib()
    {
        assertThat(MarathonApps.memoryMib("512m")).isEqualTo(512.0);
        assertThat(MarathonApps.memoryMib("512M")).isEqualTo(512.0);
        assertThat(MarathonApps.memoryMib("512mb")).isEqualTo(512.0);
        assertThat(MarathonApps.memoryMib("1g")).isEqualTo(1024.0);
        assertThat(MarathonApps.memoryMib("1.5g")).isEqualTo(1536.0);
        assertThat(MarathonApps.memoryMib("65536k")).isEqualTo(64.0);
        assertThat(MarathonApps.memoryMib("134217728")).isEqualTo(128.0);
        for (String bad : new String[]{"", "m", "lots", "-1m", "0", "1t"}) {
            assertThatThrownBy(() -> MarathonApps.memoryMib(bad)).as(bad).isInstanceOfSatisfying(CoeException.class,
                    e -> assertThat(e.field()).hasValue("memory"));
        }
    }

    @Test
    void statusFollowsCountsDeploymentsAndFailures() throws Exception
    {
        assertThat(state("""
                {"id": "/a", "instances": 0, "tasksRunning": 0, "deployments": []}""").status())
                .isEqualTo(ContainerStatus.STOPPED);
        assertThat(state("""
                {"id": "/a", "instances": 0, "tasksRunning": 1, "deployments": [{"id": "d"}]}""").status())
                .as("stopping").isEqualTo(ContainerStatus.STOPPED);
        assertThat(state("""
                {"id": "/a", "instances": 1, "tasksRunning": 0, "tasksStaged": 1, "deployments": [{"id": "d"}]}""").status())
                .isEqualTo(ContainerStatus.CREATING);
        ContainerState running = state("""
                {"id": "/a", "instances": 2, "tasksRunning": 1, "deployments": [{"id": "d"}],
                 "tasks": [{"id": "a.1", "host": "10.0.0.7", "state": "TASK_STAGING"},
                           {"id": "a.2", "host": "10.0.0.5", "state": "TASK_RUNNING"}]}""");
        assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(running.host()).hasValue("10.0.0.5");
        assertThat(running.id()).isEqualTo("/a");
    }

    @Test
    void aFailedTaskOfTheCurrentVersionWithNothingRunningIsAnError() throws Exception
    {
        ContainerState failed = state("""
                {"id": "/a", "instances": 1, "tasksRunning": 0, "tasksStaged": 0, "deployments": [{"id": "d"}],
                 "version": "2016-03-01T10:00:05.000Z",
                 "versionInfo": {"lastConfigChangeAt": "2016-03-01T10:00:00.000Z"},
                 "lastTaskFailure": {"appId": "/a", "host": "10.0.0.6", "message": "Failed to pull image 'nope'",
                                     "state": "TASK_FAILED", "taskId": "a.3", "timestamp": "2016-03-01T10:00:09.000Z",
                                     "version": "2016-03-01T10:00:05.000Z"}}""");
        assertThat(failed.status()).isEqualTo(ContainerStatus.ERROR);
        assertThat(failed.reason()).hasValue("TASK_FAILED: Failed to pull image 'nope'");
        assertThat(failed.host()).hasValue("10.0.0.6");

        assertThat(state("""
                {"id": "/a", "instances": 1, "tasksRunning": 0, "deployments": [{"id": "d"}],
                 "version": "2016-03-02T00:00:00.000Z",
                 "versionInfo": {"lastConfigChangeAt": "2016-03-02T00:00:00.000Z"},
                 "lastTaskFailure": {"message": "old", "state": "TASK_FAILED", "version": "2016-03-01T00:00:00.000Z"}}""")
                .status()).as("a failure of an earlier configuration").isEqualTo(ContainerStatus.CREATING);

        assertThat(state("""
                {"id": "/a", "instances": 1, "tasksRunning": 1, "deployments": [],
                 "lastTaskFailure": {"message": "once", "state": "TASK_KILLED"}}""").status())
                .as("running again").isEqualTo(ContainerStatus.RUNNING);
        assertThat(state("""
                {"id": "/a", "instances": 1, "tasksRunning": 0,
                 "lastTaskFailure": {"state": "TASK_LOST"}}""").reason()).isEqualTo(Optional.of("TASK_LOST"));
    }

    private ContainerState state(String app) throws Exception
    {
        JsonNode node = json.readTree(app);
        return MarathonApps.state(node);
    }
}
