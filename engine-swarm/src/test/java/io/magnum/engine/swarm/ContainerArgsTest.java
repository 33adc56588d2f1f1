package io.magnum.engine.swarm;

import org.junit.jupiter.api.Test;

import io.magnum.spi.coe.CoeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerArgsTest
{
    @Test
    void splitsOnBlanksAndKeepsQuotedWordsTogether()
    {
        assertThat(ContainerArgs.split("  echo   hello world ", "command")).containsExactly("echo", "hello", "world");
        assertThat(ContainerArgs.split("sh -c \"echo $HOME; echo 'x'\"", "command"))
                .containsExactly("sh", "-c", "echo $HOME; echo 'x'");
        assertThat(ContainerArgs.split("sh -c 'trap \"exit 0\" TERM'", "command"))
                .containsExactly("sh", "-c", "trap \"exit 0\" TERM");
        assertThat(ContainerArgs.split("echo a\\ b \"\" c", "command")).containsExactly("echo", "a b", "", "c");
        assertThat(ContainerArgs.split("   ", "command")).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsInvalid()
    {
        assertThatThrownBy(() -> ContainerArgs.split("sh -c 'echo", "command"))
                .isInstanceOfSatisfying(CoeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CoeException.Reason.INVALID);
                    assertThat(e.field()).contains("command");
                });
    }

    @Test
    void readsMemoryAsDockerPyDoes()
    {
        assertThat(ContainerArgs.memoryBytes("512m")).isEqualTo(512L << 20);
        assertThat(ContainerArgs.memoryBytes("1g")).isEqualTo(1L << 30);
        assertThat(ContainerArgs.memoryBytes("1G")).isEqualTo(1L << 30);
        assertThat(ContainerArgs.memoryBytes("64k")).isEqualTo(64L << 10);
        assertThat(ContainerArgs.memoryBytes("256mb")).isEqualTo(256L << 20);
        assertThat(ContainerArgs.memoryBytes("1048576")).isEqualTo(1L << 20);
        assertThat(ContainerArgs.memoryBytes("100b")).isEqualTo(100L);
    }

    @Test
    void aBadMemoryIsInvalid()
    {
        for (String bad : new String[] {"lots", "512x", "-1m", "1.5g", "0", "m", "99999999999999999999g"}) {
            assertThatThrownBy(() -> ContainerArgs.memoryBytes(bad)).as(bad)
                    .isInstanceOfSatisfying(CoeException.class, e -> {
                        assertThat(e.reason()).isEqualTo(CoeException.Reason.INVALID);
                        assertThat(e.field()).contains("memory");
                    });
        }
    }
}
