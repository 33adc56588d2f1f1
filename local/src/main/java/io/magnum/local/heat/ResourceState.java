package io.magnum.local.heat;

import io.magnum.spi.cloud.StackResource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One resource of a running stack. Guarded by the engine's lock. */
final class ResourceState
{
    final String name;
    HotTemplate.ResourceDef def;
    String type;
    boolean active = true;
    String action = "INIT";
    String state = "COMPLETE";
    String reason = "";
    String physicalId = "";
    Map<String, Object> properties = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    Set<String> dependsOn = new LinkedHashSet<>();
    StackRun nested;
    final List<Map.Entry<String, Long>> allocations = new java.util.ArrayList<>();
    Instant updatedAt;

    ResourceState(String name, HotTemplate.ResourceDef def, String type)
    {
        this.name = name;
        this.def = def;
        this.type = type;
    }

    String status()
    {
        return action + "_" + state;
    }

    boolean created()
    {
        return !action.equals("INIT") && !(action.equals("CREATE") && !state.equals("COMPLETE"))
                && !action.equals("DELETE");
    }

    StackResource view(List<String> requiredBy)
    {
        return new StackResource(name, physicalId, type, status(), reason, requiredBy,
                nested == null ? null : nested.id, updatedAt == null ? Instant.EPOCH : updatedAt);
    }
}
