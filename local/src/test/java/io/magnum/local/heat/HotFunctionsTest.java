package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.magnum.local.heat.Stacks.request;
import static io.magnum.local.heat.Stacks.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each intrinsic function, in the versions that have it. */
class HotFunctionsTest
{
    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    private Map<String, Object> outputs(String template, Map<String, String> files, Map<String, String> params)
    {
        Stack created = cloud.stacks().create(request("fn", template, files, params));
        Stack stack = settle(cloud, created.id());
        assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
        return stack.outputs();
    }

    @Test
    void everyFunctionOf20161014()
    {
        String template = """
                heat_template_version: 2016-10-14
                parameters:
                  name: {type: string, default: k8s}
                  size: {type: number, default: 5}
                  tls: {type: boolean, default: false}
                  nets: {type: comma_delimited_list, default: "a,b"}
                  blob: {type: json, default: {"outer": {"inner": [10, 20]}}}
                conditions:
                  big: {not: {equals: [{get_param: size}, 1]}}
                  both: {and: [big, {equals: [{get_param: name}, k8s]}]}
                  either: {or: [{equals: [{get_param: tls}, true]}, both]}
                resources:
                  secret:
                    type: OS::Heat::RandomString
                    properties: {length: 12, sequence: digits}
                  config:
                    type: OS::Heat::SoftwareConfig
                    properties:
                      config:
                        str_replace:
                          template: {get_file: fragments/params.sh}
                          params:
                            "$NAME": {get_param: name}
                            "$NAME_LONG": long
                            "$SIZE": {get_param: size}
                            "$TLS": {get_param: tls}
                outputs:
                  param_path: {value: {get_param: [blob, outer, inner, 1]}}
                  list_param: {value: {get_param: nets}}
                  ref: {value: {get_resource: secret}}
                  attr: {value: {get_attr: [secret, value]}}
                  config: {value: {get_attr: [config, config]}}
                  joined: {value: {list_join: ['-', [a, b], {get_param: nets}]}}
                  repeated:
                    value:
                      repeat:
                        for_each: {"<%port%>": [22, 80], "<%proto%>": [tcp]}
                        template: {port: "<%port%>", protocol: "<%proto%>"}
                  digest: {value: {digest: [sha256, abc]}}
                  split: {value: {str_split: [',', 'x,y,z']}}
                  split_one: {value: {str_split: [',', 'x,y,z', 2]}}
                  merged: {value: {map_merge: [{a: 1, b: 2}, {b: 3}]}}
                  chosen: {value: {if: [both, yes-branch, no-branch]}}
                  either: {value: {if: [either, 1, 0]}}
                  all_attrs: {value: {get_attr: [secret]}}
                """;
        Map<String, Object> out = outputs(template, Map.of("fragments/params.sh", "#!/bin/sh\nN=$NAME L=$NAME_LONG S=$SIZE T=$TLS\n"),
                Map.of());
        assertThat(out.get("param_path")).isEqualTo(20L);
        assertThat(out.get("list_param")).isEqualTo(List.of("a", "b"));
        assertThat((String) out.get("ref")).hasSize(36);
        assertThat((String) out.get("attr")).matches("[0-9]{12}");
        assertThat(out.get("config")).isEqualTo("#!/bin/sh\nN=k8s L=long S=5 T=False\n");
        assertThat(out.get("joined")).isEqualTo("a-b-a-b");
        assertThat(out.get("repeated")).isEqualTo(List.of(Map.of("port", 22L, "protocol", "tcp"), Map.of("port", 80L, "protocol", "tcp")));
        assertThat(out.get("digest")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(out.get("split")).isEqualTo(List.of("x", "y", "z"));
        assertThat(out.get("split_one")).isEqualTo("z");
        assertThat(out.get("merged")).isEqualTo(Map.of("a", 1L, "b", 3L));
        assertThat(out.get("chosen")).isEqualTo("yes-branch");
        assertThat(out.get("either")).isEqualTo(1L);
        assertThat(((Map<?, ?>) out.get("all_attrs")).containsKey("value")).isTrue();
    }

    @Test
    void functionsOfLaterVersionsAreDataInEarlierOnes()
    {
        String template = """
                heat_template_version: 2013-05-23
                outputs:
                  literal: {value: {digest: [sha256, abc]}}
                  joined: {value: {list_join: [',', [a, b]]}}
                """;
        Map<String, Object> out = outputs(template, Map.of(), Map.of());
        assertThat(out.get("literal")).isEqualTo(Map.of("digest", List.of("sha256", "abc")));
        assertThat(out.get("joined")).isEqualTo("a,b");
    }

    @Test
    void conditionsNeedTheirVersion()
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("c", """
                heat_template_version: 2015-10-15
                conditions:
                  x: {equals: [1, 1]}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("The template section is invalid: conditions");
    }

    @Test
    void aConditionFalseSkipsItsResource()
    {
        String template = """
                heat_template_version: 2016-10-14
                parameters:
                  docker_volume_size: {type: number, default: 0}
                conditions:
                  volume: {not: {equals: [{get_param: docker_volume_size}, 0]}}
                resources:
                  vol:
                    type: OS::Cinder::Volume
                    condition: volume
                    properties: {size: {get_param: docker_volume_size}}
                outputs:
                  vol: {value: {get_resource: vol}}
                """;
        assertThat(outputs(template, Map.of(), Map.of()).get("vol")).isNull();
        Stack with = settle(cloud, cloud.stacks().create(request("withvol", template, Map.of("docker_volume_size", "5"))).id());
        assertThat(with.outputs().get("vol")).isNotNull();
    }

    @Test
    void onlyAChosenBranchMayNameAConditionalResource()
    {
        String template = """
                heat_template_version: 2016-10-14
                parameters:
                  size: {type: number, default: 0}
                conditions:
                  volume: {not: {equals: [{get_param: size}, 0]}}
                resources:
                  vol: {type: OS::Cinder::Volume, condition: volume, properties: {size: 1}}
                  user:
                    type: OS::Heat::None
                    properties: {volume: %s}
                """;
        assertThatThrownBy(() -> cloud.stacks().create(request("strict", template.formatted("{get_resource: vol}"), Map.of())))
                .isInstanceOf(InvalidStackException.class).hasMessage("The specified reference \"vol\" (in user) is incorrect.");
        assertThat(outputs(template.formatted("{if: [volume, {get_resource: vol}, '']}"), Map.of(), Map.of())).isEmpty();
    }

    @Test
    void parameterGroupsNameDeclaredParametersOnce()
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("g", """
                heat_template_version: 2015-04-30
                parameter_groups:
                  - {label: a, parameters: [x, y]}
                parameters:
                  x: {type: string, default: ''}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("The grouped parameter y does not reference a valid parameter.");
        assertThatThrownBy(() -> cloud.stacks().create(request("g", """
                heat_template_version: 2015-04-30
                parameter_groups:
                  - {label: a, parameters: [x]}
                  - {label: b, parameters: [x]}
                parameters:
                  x: {type: string, default: ''}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("The x parameter must be assigned to one parameter group only.");
    }

    @Test
    void aMissingFileIsRefusedUpFront()
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("f", """
                heat_template_version: 2015-04-30
                resources:
                  c:
                    type: OS::Heat::SoftwareConfig
                    properties: {config: {get_file: nope.sh}}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("Property error: : resources.c.properties.config: : No content found in the \"files\" section"
                        + " for get_file path: nope.sh");
    }

    @Test
    void unknownReferencesAreRefused()
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("r", """
                heat_template_version: 2015-04-30
                resources:
                  c:
                    type: OS::Heat::None
                    depends_on: ghost
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("The specified reference \"ghost\" (in c) is incorrect.");
        assertThatThrownBy(() -> cloud.stacks().create(request("r2", """
                heat_template_version: 2015-04-30
                resources:
                  a: {type: OS::Heat::None, properties: {x: {get_resource: b}}}
                  b: {type: OS::Heat::None, properties: {x: {get_attr: [a, y]}}}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith("Circular Dependency Found: ");
    }

    @Test
    void badTemplatesAreRefused()
    {
        assertThatThrownBy(() -> cloud.stacks().create(request("v", "heat_template_version: 2012-12-12\n", Map.of())))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("The template version is invalid");
        assertThatThrownBy(() -> cloud.stacks().create(request("v", "heat_template_version: 2015-04-30\nfoo: {}\n", Map.of())))
                .isInstanceOf(InvalidStackException.class).hasMessage("The template section is invalid: foo");
        assertThatThrownBy(() -> cloud.stacks().create(request("v", "heat_template_version: [", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith("Template not in valid format: Error parsing template [root stack] ");
        assertThatThrownBy(() -> cloud.stacks().create(request("v", """
                heat_template_version: 2015-04-30
                resources:
                  x: {type: OS::Foo::Bar}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("The Resource Type (OS::Foo::Bar) could not be found.");
        assertThatThrownBy(() -> cloud.stacks().create(request("v", """
                heat_template_version: 2015-04-30
                resources:
                  s: {type: OS::Nova::Server, properties: {image: x, flavour: m1.small}}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("Property error: : resources.s.properties: : Unknown Property flavour");
        assertThatThrownBy(() -> cloud.stacks().create(request("v", """
                heat_template_version: 2015-04-30
                resources:
                  s: {type: OS::Nova::Server, properties: {image: x}}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("Property error: : resources.s.properties: : Property flavor not assigned");
        assertThatThrownBy(() -> cloud.stacks().create(request("1bad", "heat_template_version: 2015-04-30\n", Map.of())))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("Invalid stack name 1bad");
    }
}
