package io.magnum.examples;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TablesTest
{
    @Test
    void listOfTwoColumnsAndTwoRows()
    {
        String table = Tables.list(List.of("uuid", "name"), List.of(
                List.of("9dccb1e6-02dc-4e2b-b897-10656c5339ce", "k8sbaymodel"),
                List.of("1", "swarm")));

        assertThat(table).isEqualTo(String.join("\n",
                "+--------------------------------------+-------------+",
                "| uuid                                 | name        |",
                "+--------------------------------------+-------------+",
                "| 9dccb1e6-02dc-4e2b-b897-10656c5339ce | k8sbaymodel |",
                "| 1                                    | swarm       |",
                "+--------------------------------------+-------------+"));
    }

    @Test
    void headerWiderThanValues()
    {
        assertThat(Tables.list(List.of("id", "state"), List.of(List.of(1, "up")))).isEqualTo(String.join("\n",
                "+----+-------+",
                "| id | state |",
                "+----+-------+",
                "| 1  | up    |",
                "+----+-------+"));
    }

    @Test
    void emptyListKeepsItsHeader()
    {
        assertThat(Tables.list(List.of("uuid", "name"), List.of())).isEqualTo(String.join("\n",
                "+------+------+",
                "| uuid | name |",
                "+------+------+",
                "+------+------+"));
    }

    @Test
    void showIsAPropertyValueTableInMapOrder()
    {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", "k8sbaymodel");
        properties.put("docker_volume_size", 5);
        properties.put("fixed_network", null);
        properties.put("public", false);

        assertThat(Tables.show(properties)).isEqualTo(String.join("\n",
                "+--------------------+-------------+",
                "| Property           | Value       |",
                "+--------------------+-------------+",
                "| name               | k8sbaymodel |",
                "| docker_volume_size | 5           |",
                "| fixed_network      | None        |",
                "| public             | False       |",
                "+--------------------+-------------+"));
    }

    @Test
    void cellWithLineBreaksSpansLines()
    {
        assertThat(Tables.list(List.of("a", "b"), List.of(List.of("one\ntwo", "x")))).isEqualTo(String.join("\n",
                "+-----+---+",
                "| a   | b |",
                "+-----+---+",
                "| one | x |",
                "| two |   |",
                "+-----+---+"));
    }

    @Test
    void valuesArePrintedAsPythonWritesThem()
    {
        assertThat(Tables.text(null)).isEqualTo("None");
        assertThat(Tables.text(true)).isEqualTo("True");
        assertThat(Tables.text(false)).isEqualTo("False");
        assertThat(Tables.text(10)).isEqualTo("10");
        assertThat(Tables.text(Map.of())).isEqualTo("{}");
        assertThat(Tables.text(Map.of("b", "2", "a", "1"))).isEqualTo("{'a': '1', 'b': '2'}");
        assertThat(Tables.text(Map.of("k", "it's"))).isEqualTo("{'k': \"it's\"}");
        assertThat(Tables.text(List.of("192.168.19.86"))).isEqualTo("['192.168.19.86']");
        assertThat(Tables.text(Instant.parse("2015-09-22T20:02:39.123Z"))).isEqualTo("2015-09-22T20:02:39+00:00");
    }

    @Test
    void rowsMustMatchTheColumns()
    {
        assertThatThrownBy(() -> Tables.list(List.of("uuid", "name"), List.of(List.of("only-one"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 1 values for 2 columns");
        assertThatThrownBy(() -> Tables.list(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Tables.list(List.of("value"), List.of(Arrays.asList((Object) null))))
                .contains("| None  |");
    }
}
