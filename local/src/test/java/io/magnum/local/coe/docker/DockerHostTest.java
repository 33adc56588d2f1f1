package io.magnum.local.coe.docker;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import io.magnum.local.coe.LocalCoeHost;
import io.magnum.local.coe.LocalCoeHosting;
import io.magnum.local.coe.LocalCoeUnavailableException;
import io.magnum.spi.cloud.CoeHosting.HostedBay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no Docker engine: discovery, and refusing to start without one. */
class DockerHostTest
{
    @Test
    void isFoundByServiceLoaderForSwarm()
    {
        assertThat(ServiceLoader.load(LocalCoeHost.class).stream().map(ServiceLoader.Provider::type))
                .contains(DockerHost.class);
        try (DockerHost host = new DockerHost()) {
            assertThat(host.coe()).isEqualTo("swarm");
        }
        try (LocalCoeHosting hosting = LocalCoeHosting.discover()) {
            assertThat(hosting.coes()).contains("swarm");
        }
    }

    @Test
    void withoutAnEngineItIsUnavailable()
    {
        try (DockerHost host = new DockerHost("unix:///nonexistent/magnum4j/docker.sock")) {
            HostedBay bay = new HostedBay("bay-1", "swarm", "tcp://10.0.0.5:2376", List.of(), Optional.empty());
            assertThatThrownBy(() -> host.start(bay))
                    .isInstanceOf(LocalCoeUnavailableException.class)
                    .hasMessageContaining("no Docker engine answers at unix:///nonexistent/magnum4j/docker.sock");
            host.stop("bay-1"); // nothing to stop: fine
        }
    }

    @Test
    void hostingKeepsTheStackAddressWhenNoEngineAnswers()
    {
        try (LocalCoeHosting hosting = new LocalCoeHosting(List.of(new DockerHost("unix:///nonexistent/docker.sock")))) {
            HostedBay bay = new HostedBay("bay-2", "swarm", "https://10.0.0.5:2376", List.of(), Optional.empty());
            assertThat(hosting.host(bay)).isEqualTo("https://10.0.0.5:2376");
        }
    }

    @Test
    void refusesAnEngineAddressItCannotRelayTo()
    {
        assertThatThrownBy(() -> new DockerHost("npipe:////./pipe/docker_engine"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DockerHost("https://127.0.0.1:2376"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
