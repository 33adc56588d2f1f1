package io.magnum.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.magnum.spi.coe.ContainerStatus;

import static java.util.Objects.requireNonNull;

/**
 * A container on a bay: magnum4j's record of it, its status as the COE last reported it ({@code container-show}).
 *
 * @param uuid        magnum4j's uuid
 * @param name        the name
 * @param bayUuid     the bay it runs on
 * @param projectId   its project
 * @param userId      who created it
 * @param image       the image
 * @param command     the command, empty for the image's
 * @param memory      the memory limit, such as {@code 512m}
 * @param environment environment variables
 * @param status      its status, such as {@code Running}
 * @param coeId       the COE's id for it (Docker's container id, Marathon's app id), empty until created there
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 */
public record Container(String uuid, String name, String bayUuid, String projectId, String userId, String image,
                        Optional<String> command, Optional<String> memory, Map<String, String> environment,
                        ContainerStatus status, Optional<String> coeId, Instant createdAt, Optional<Instant> updatedAt)
{
    public Container
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(bayUuid, "bayUuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(image, "image is null");
        requireNonNull(command, "command is null");
        requireNonNull(memory, "memory is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(status, "status is null");
        requireNonNull(coeId, "coeId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** @return every field under Magnum's names, as {@code container-show} prints them */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uuid", uuid);
        map.put("name", name);
        map.put("bay_uuid", bayUuid);
        map.put("image", image);
        map.put("command", command.orElse(null));
        map.put("memory", memory.orElse(null));
        map.put("environment", environment);
        map.put("status", status.label());
        map.put("created_at", createdAt);
        map.put("updated_at", updatedAt.orElse(null));
        return map;
    }
}
