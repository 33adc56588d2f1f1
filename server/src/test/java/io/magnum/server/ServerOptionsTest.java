package io.magnum.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerOptionsTest
{
    @Test
    void defaultsAreMagnumsPortOnLoopbackWithStateInMagnumData()
    {
        ServerOptions options = ServerOptions.parse(List.of(), Map.of());
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(9511);
        assertThat(options.dataDir()).isEqualTo(Path.of("magnum-data"));
        assertThat(options.openStack()).isFalse();
        assertThat(options.noAuth()).isFalse();
    }

    @Test
    void optionsAndTheEnvironment()
    {
        ServerOptions options = ServerOptions.parse(List.of("--host", "0.0.0.0", "--port", "0", "--data-dir", "/tmp/m",
                "--no-auth"), Map.of("OS_AUTH_URL", "http://keystone:5000/v3"));
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isZero();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/m"));
        assertThat(options.noAuth()).isTrue();
        assertThat(options.openStack()).isTrue();
    }

    @Test
    void badOptionsSayWhatIsWrong()
    {
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "http"), Map.of()))
                .hasMessage("--port must be a number, not 'http'");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "70000"), Map.of()))
                .hasMessage("--port must be 0 to 65535, not 70000");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--data-dir"), Map.of()))
                .hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--verbose"), Map.of()))
                .hasMessage("unknown option '--verbose'");
    }
}
