package io.magnum.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class ArgumentsTest
{
    @Test
    void replaceReadsValuesAsJsonWhenTheyAreJson()
    {
        assertThat(Arguments.patch(FakeApi.MAPPER, Arguments.Op.replace,
                List.of("node_count=2", "name=k8s", "/public=true", "labels={\"a\": \"b\"}", "x=", "y=a=b", "z=2 3"))
                .toString()).isEqualTo("["
                + "{\"op\":\"replace\",\"path\":\"/node_count\",\"value\":2},"
                + "{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"k8s\"},"
                + "{\"op\":\"replace\",\"path\":\"/public\",\"value\":true},"
                + "{\"op\":\"replace\",\"path\":\"/labels\",\"value\":{\"a\":\"b\"}},"
                + "{\"op\":\"replace\",\"path\":\"/x\",\"value\":\"\"},"
                + "{\"op\":\"replace\",\"path\":\"/y\",\"value\":\"a=b\"},"
                + "{\"op\":\"replace\",\"path\":\"/z\",\"value\":\"2 3\"}]");
    }

    @Test
    void removeTakesPathsAlone()
    {
        assertThat(Arguments.patch(FakeApi.MAPPER, Arguments.Op.remove, List.of("labels", "/http_proxy")).toString())
                .isEqualTo("[{\"op\":\"remove\",\"path\":\"/labels\"},{\"op\":\"remove\",\"path\":\"/http_proxy\"}]");
    }

    @Test
    void addNeedsAValue()
    {
        assertThatThrownBy(() -> Arguments.patch(FakeApi.MAPPER, Arguments.Op.add, List.of("node_count")))
                .isInstanceOf(CliException.class)
                .hasMessage("Attributes must be a list of PATH=VALUE not \"/node_count\"");
    }

    @Test
    void labelsOnceWithSeparatorsOrRepeated()
    {
        assertThat(Arguments.labels(FakeApi.MAPPER, List.of("a=1,b=2;c=3")).toString())
                .isEqualTo("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
        assertThat(Arguments.labels(FakeApi.MAPPER, List.of("a=1,2", "b=x=y")).toString())
                .isEqualTo("{\"a\":\"1,2\",\"b\":\"x=y\"}");
        assertThat(Arguments.labels(FakeApi.MAPPER, List.of("a=1", "a=2", "a=3")).toString())
                .isEqualTo("{\"a\":[\"1\",\"2\",\"3\"]}");
        assertThat(Arguments.labels(FakeApi.MAPPER, List.of()).toString()).isEqualTo("{}");
        assertThatThrownBy(() -> Arguments.labels(FakeApi.MAPPER, List.of("nokey")))
                .isInstanceOf(CliException.class).hasMessage("labels must be a list of KEY=VALUE not nokey");
    }
}
