package io.magnum.spi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelRulesTest
{
    @Test
    void acceptsGoodFlannelLabels()
    {
        assertThat(LabelRules.flannel(Map.of("flannel_network_cidr", "10.100.0.0/16",
                "flannel_network_subnetlen", "24", "flannel_use_vxlan", "TRUE"))).isEmpty();
        assertThat(LabelRules.flannel(Map.of())).isEmpty();
    }

    @Test
    void namesEveryBadLabel()
    {
        assertThat(LabelRules.flannel(Map.of("flannel_network_cidr", "10.100.0.0",
                "flannel_network_subnetlen", "31", "flannel_use_vxlan", "yes")))
                .extracting(FieldViolation::message)
                .containsExactlyInAnyOrder(
                        "label flannel_network_cidr must be an IPv4 CIDR such as 10.100.0.0/16, not '10.100.0.0'",
                        "label flannel_network_subnetlen must be an integer from 8 to 30, not '31'",
                        "label flannel_use_vxlan must be true or false, not 'yes'");
        assertThat(LabelRules.integer(Map.of("n", "x"), "n", 1, 2)).isPresent();
        assertThat(LabelRules.cidr(Map.of("c", "300.1.1.1/8"), "c")).isPresent();
    }

    @Test
    void valueTypesRefuseNulls()
    {
        assertThatThrownBy(() -> new DriverKey(null, "vm", "x")).isInstanceOf(NullPointerException.class)
                .hasMessage("coe is null");
        assertThat(new DriverKey("kubernetes", "vm", "fedora-atomic")).hasToString("vm/fedora-atomic/kubernetes");
    }
}
