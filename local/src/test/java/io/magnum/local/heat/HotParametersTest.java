package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.magnum.local.heat.Stacks.request;
import static io.magnum.local.heat.Stacks.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameter types, defaults, hidden values, and every constraint's failure message. */
class HotParametersTest
{
    private static final String TEMPLATE = """
            heat_template_version: 2015-04-30
            parameter_groups:
              - label: sizes
                parameters: [masters, name]
            parameters:
              masters:
                type: number
                default: 1
                constraints: [{range: {min: 1, max: 9}}]
              name:
                type: string
                default: bay
                constraints: [{length: {min: 1, max: 8}}, {allowed_pattern: "[a-z][a-z0-9-]*"}]
              protocol:
                type: string
                default: TCP
                constraints: [{allowed_values: [TCP, HTTP]}]
              explained:
                type: number
                default: 2
                constraints: [{range: {min: 2}, description: "needs two at least"}]
              flavor: {type: string, default: m1.small, constraints: [{custom_constraint: nova.flavor}]}
              image: {type: string, default: fedora-21-atomic-5, constraints: [{custom_constraint: glance.image}]}
              key: {type: string, default: testkey, constraints: [{custom_constraint: nova.keypair}]}
              network: {type: string, default: public, constraints: [{custom_constraint: neutron.network}]}
              dns: {type: string, default: 8.8.8.8, constraints: [{custom_constraint: ip_addr}]}
              cidr: {type: string, default: 10.0.0.0/24, constraints: [{custom_constraint: net_cidr}]}
              tls: {type: boolean, default: false}
              secret: {type: string, default: s3cret, hidden: true}
              nodes: {type: comma_delimited_list, default: ""}
              blob: {type: json, default: {}}
            outputs:
              masters: {value: {get_param: masters}}
              tls: {value: {get_param: tls}}
              nodes: {value: {get_param: nodes}}
              blob: {value: {get_param: blob}}
            """;

    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "masters|0|Parameter 'masters' is invalid: The value must be in the range 1 to 9.",
            "masters|ten|Parameter 'masters' is invalid: could not convert string to float: 'ten'",
            "name|toolongname|Parameter 'name' is invalid: length must be in the range 1 to 8.",
            "name|Bay|Parameter 'name' is invalid: \"Bay\" does not match pattern \"[a-z][a-z0-9-]*\"",
            "protocol|UDP|Parameter 'protocol' is invalid: \"UDP\" is not an allowed value [TCP, HTTP]",
            "explained|1|Parameter 'explained' is invalid: needs two at least",
            "flavor|m9.huge|Parameter 'flavor' is invalid: Error validating value 'm9.huge': The Flavor ID (m9.huge) could not be found.",
            "image|no-image|Parameter 'image' is invalid: Error validating value 'no-image': The Image (no-image) could not be found.",
            "key|nokey|Parameter 'key' is invalid: Error validating value 'nokey': The Key (nokey) could not be found.",
            "network|nonet|Parameter 'network' is invalid: Error validating value 'nonet': Unable to find network with name or id 'nonet'",
            "dns|8.8.8|Parameter 'dns' is invalid: Error validating value '8.8.8': Invalid IP address",
            "cidr|10.0.0.0|Parameter 'cidr' is invalid: Error validating value '10.0.0.0': Invalid net cidr 10.0.0.0",
            "tls|maybe|Parameter 'tls' is invalid: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
            "blob|[1|Error parsing parameter blob: while parsing a flow sequence",
            "ghost|1|The Parameter (ghost) was not defined in template."})
    void eachConstraintSaysWhatIsWrong(String parameter, String value, String message)
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("p", TEMPLATE, Map.of(parameter, value))))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith(message);
        assertThat(cloud.stacks().list()).isEmpty();
    }

    @Test
    void valuesAreTypedAndHiddenOnesMasked()
    {
        Stack stack = settle(cloud, cloud.stacks().create(request("p", TEMPLATE, Map.of("masters", "3", "tls", "yes",
                "nodes", "a, b", "blob", "{\"k\": [1]}", "protocol", "HTTP"))).id());
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs()).containsEntry("masters", 3L).containsEntry("tls", true)
                .containsEntry("nodes", List.of("a", "b")).containsEntry("blob", Map.of("k", List.of(1L)));
        assertThat(stack.parameters()).containsEntry("secret", "******").containsEntry("masters", "3")
                .containsEntry("tls", "True").containsEntry("OS::stack_name", "p");
    }

    @Test
    void aParameterWithoutDefaultIsRequired()
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("p", """
                heat_template_version: 2013-05-23
                parameters:
                  ssh_key_name: {type: string}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("The Parameter (ssh_key_name) was not provided.");
        assertThatThrownBy(() -> cloud.stacks().create(request("p", """
                heat_template_version: 2013-05-23
                parameters:
                  x: {type: integer}
                """, Map.of()))).isInstanceOf(InvalidStackException.class).hasMessage("Invalid type (integer)");
        assertThatThrownBy(() -> cloud.stacks().create(request("p", """
                heat_template_version: 2013-05-23
                parameters:
                  x: {type: number, default: abc}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("Parameter 'x' is invalid: could not convert string to float: 'abc'");
    }

    @Test
    void theEnvironmentGivesParametersAndTypes()
    {
        String template = """
                heat_template_version: 2015-04-30
                parameters:
                  size: {type: number}
                resources:
                  thing: {type: My::Thing, properties: {size: {get_param: size}}}
                outputs:
                  double: {value: {get_attr: [thing, double]}}
                """;
        String thing = """
                heat_template_version: 2015-04-30
                parameters:
                  size: {type: number}
                outputs:
                  double: {value: {list_join: ['', [{get_param: size}, {get_param: size}]]}}
                """;
        String environment = """
                parameters:
                  size: 4
                resource_registry:
                  "My::Thing": thing.yaml
                """;
        Stack stack = settle(cloud, cloud.stacks().create(new io.magnum.spi.cloud.StackRequest("env", template,
                Map.of("thing.yaml", thing), Map.of(), environment, 0)).id());
        assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs().get("double")).isEqualTo("44");
    }
}
