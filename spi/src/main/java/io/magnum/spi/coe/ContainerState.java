package io.magnum.spi.coe;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the COE says of a container.
 *
 * @param id     the COE's id for it (Docker's container id, Marathon's app id)
 * @param status its status
 * @param host   where it runs, when the COE says
 * @param reason why it is in error, when it is
 */
public record ContainerState(String id, ContainerStatus status, Optional<String> host, Optional<String> reason)
{
    public ContainerState
    {
        requireNonNull(id, "id is null");
        requireNonNull(status, "status is null");
        requireNonNull(host, "host is null");
        requireNonNull(reason, "reason is null");
    }

    /**
     * @param id     the COE's id
     * @param status its status
     * @return a state with no host and no reason
     */
    public static ContainerState of(String id, ContainerStatus status)
    {
        return new ContainerState(id, status, Optional.empty(), Optional.empty());
    }
}
