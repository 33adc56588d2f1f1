package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TableTest
{
    private static JsonNode json(String text)
    {
        try {
            return FakeApi.MAPPER.readTree(text.replace('\'', '"'));
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The seed's {@code bay-show k8sbay} (section 4.2), from the API's answer in the seed's field order. The one
     * difference is the seed's {@code [u'192.168.19.86']}: the client it ran on was Python 2, whose text of a
     * unicode string has the {@code u}; python-magnumclient on Python 3 prints {@code ['192.168.19.86']}.
     */
    @Test
    void seedBayShow()
    {
        JsonNode bay = json("{'status': 'CREATE_COMPLETE', 'uuid': '481685d2-bc16-4daf-9aac-9e830c7da3f7',"
                + " 'links': [{'href': 'http://127.0.0.1:9511/v1/bays/481685d2', 'rel': 'self'}],"
                + " 'status_reason': 'Stack CREATE completed successfully',"
                + " 'created_at': '2015-09-22T20:02:39+00:00', 'updated_at': '2015-09-22T20:05:00+00:00',"
                + " 'bay_create_timeout': 0, 'api_address': '192.168.19.84:8080',"
                + " 'baymodel_id': '194a4b7e-0125-4956-8660-7551469ae1ed', 'node_count': 1,"
                + " 'node_addresses': ['192.168.19.86'], 'master_count': 1,"
                + " 'discovery_url': 'https://discovery.etcd.io/373452625d4f52263904584b9d3616b1',"
                + " 'name': 'k8sbay'}");

        assertThat(Table.show(bay)).isEqualTo("""
                +--------------------+------------------------------------------------------------+
                | Property           | Value                                                      |
                +--------------------+------------------------------------------------------------+
                | status             | CREATE_COMPLETE                                            |
                | uuid               | 481685d2-bc16-4daf-9aac-9e830c7da3f7                       |
                | status_reason      | Stack CREATE completed successfully                        |
                | created_at         | 2015-09-22T20:02:39+00:00                                  |
                | updated_at         | 2015-09-22T20:05:00+00:00                                  |
                | bay_create_timeout | 0                                                          |
                | api_address        | 192.168.19.84:8080                                         |
                | baymodel_id        | 194a4b7e-0125-4956-8660-7551469ae1ed                       |
                | node_count         | 1                                                          |
                | node_addresses     | ['192.168.19.86']                                          |
                | master_count       | 1                                                          |
                | discovery_url      | https://discovery.etcd.io/373452625d4f52263904584b9d3616b1 |
                | name               | k8sbay                                                     |
                +--------------------+------------------------------------------------------------+""");
    }

    /**
     * The seed's {@code bay-list} (section 4.1), with its columns (the 1.x client's, without master_count). The
     * seed's name column is one character wider than prettytable draws it for {@code k8sbay} (the page was edited
     * by hand); this is prettytable's width.
     */
    @Test
    void seedBayList()
    {
        JsonNode bay = json("{'uuid': '9dccb1e6-02dc-4e2b-b897-10656c5339ce', 'name': 'k8sbay', 'baymodel_id': 'x',"
                + " 'node_count': 1, 'master_count': 1, 'status': 'CREATE_COMPLETE', 'bay_create_timeout': 0,"
                + " 'stack_id': 'y', 'links': []}");

        assertThat(Table.list(List.of(bay), List.of("uuid", "name", "node_count", "status"), -1)).isEqualTo("""
                +--------------------------------------+--------+------------+-----------------+
                | uuid                                 | name   | node_count | status          |
                +--------------------------------------+--------+------------+-----------------+
                | 9dccb1e6-02dc-4e2b-b897-10656c5339ce | k8sbay | 1          | CREATE_COMPLETE |
                +--------------------------------------+--------+------------+-----------------+""");
    }

    @Test
    void emptyListKeepsItsHeader()
    {
        assertThat(Table.list(List.of(), List.of("uuid", "name"), -1)).isEqualTo("""
                +------+------+
                | uuid | name |
                +------+------+
                +------+------+""");
    }

    @Test
    void rowsSortByTheirColumnNumbersByValue()
    {
        List<JsonNode> services = List.of(json("{'id': 10, 'host': 'b'}"), json("{'id': 9, 'host': 'a'}"),
                json("{'id': 1, 'host': 'c'}"));

        assertThat(Table.list(services, List.of("id", "host"), 0)).isEqualTo("""
                +----+------+
                | id | host |
                +----+------+
                | 1  | c    |
                | 9  | a    |
                | 10 | b    |
                +----+------+""");
        assertThat(Table.list(services, List.of("id", "host"), 1)).contains("| 9  | a    |\n| 10 | b    |");
    }

    @Test
    void aMissingFieldIsAnEmptyCellAndNullIsNone()
    {
        assertThat(Table.list(List.of(json("{'uuid': 'u', 'name': null}")), List.of("uuid", "name", "bay_uuid"), -1))
                .contains("| u    | None |          |");
    }

    @Test
    void showDropsLinksAndWritesValuesAsPythonDoes()
    {
        JsonNode model = json("{'name': 'k8sbaymodel', 'links': [{'href': 'x'}], 'docker_volume_size': 5,"
                + " 'fixed_network': null, 'public': false, 'labels': {'b': '2', 'a': '1'}, 'ports': [1, 2]}");

        assertThat(Table.show(model)).isEqualTo("""
                +--------------------+----------------------+
                | Property           | Value                |
                +--------------------+----------------------+
                | name               | k8sbaymodel          |
                | docker_volume_size | 5                    |
                | fixed_network      | None                 |
                | public             | False                |
                | labels             | {'b': '2', 'a': '1'} |
                | ports              | ['1', '2']           |
                +--------------------+----------------------+""");
    }

    @Test
    void aCellWithLineBreaksSpansLines()
    {
        assertThat(Table.render(List.of("a", "b"), List.of(List.of("one\ntwo", "x")))).isEqualTo("""
                +-----+---+
                | a   | b |
                +-----+---+
                | one | x |
                | two |   |
                +-----+---+""");
    }

    @Test
    void aValueWithEscapedLineBreaksBecomesSeveralRows()
    {
        assertThat(Table.show(json("{'fault': 'first\\\\nsecond'}"))).isEqualTo("""
                +----------+--------+
                | Property | Value  |
                +----------+--------+
                | fault    | first  |
                |          | second |
                +----------+--------+""");
    }
}
