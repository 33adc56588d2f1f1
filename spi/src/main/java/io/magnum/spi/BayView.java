package io.magnum.spi;

import static java.util.Objects.requireNonNull;

/**
 * A bay as a driver sees it when it describes the bay's stack.
 *
 * <pre>{@code
 * params.put("number_of_minions", String.valueOf(bay.nodeCount()));
 * }</pre>
 *
 * @param uuid          the bay's uuid
 * @param name          the bay's name, or its uuid when it has none
 * @param nodeCount     how many nodes (minions, slaves)
 * @param masterCount   how many masters
 * @param discoveryUrl  the etcd discovery URL for the bay
 * @param projectId     the owning project
 */
public record BayView(String uuid, String name, int nodeCount, int masterCount, String discoveryUrl, String projectId)
{
    public BayView
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(discoveryUrl, "discoveryUrl is null");
        requireNonNull(projectId, "projectId is null");
    }
}
