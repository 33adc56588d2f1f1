package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.InvalidStackException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.magnum.local.heat.Stacks.request;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where LocalCloud's Heat was seen to differ from the real Heat (Debian's heat 19, OpenStack Zed, with its default
 * convergence engine) by the openstack-it tier, and now answers as the real one does. Each test names what the real
 * Heat answered.
 */
class RealHeatParityTest
{
    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    @Test
    void aStackTemplateThatIsNoTemplateIsNotInValidFormat()
    {
        // real: 400 "Template not in valid format: Error parsing template [root stack] while parsing a flow node..."
        assertThatThrownBy(() -> cloud.stacks().create(request("s", "heat_template_version: 2016-10-14\nresources: [\n", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith("Template not in valid format: Error parsing template [root stack] while parsing a flow node");
        assertThatThrownBy(() -> cloud.stacks().create(request("s", "- a list\n", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("Template not in valid format: The template is not a JSON object or YAML mapping.");
        assertThatThrownBy(() -> cloud.stacks().create(request("s", "resources: {}\n", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("Template not in valid format: Template format version not found.");
    }
}
