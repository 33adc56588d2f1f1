package io.magnum;

import io.magnum.model.MagnumService;

import java.util.List;

/**
 * The Magnum services that are alive or were: each conductor registers itself and sends a heartbeat, and shows as
 * {@code up} while its last heartbeat is recent. What {@code magnum service-list} prints.
 *
 * <pre>{@code
 * magnum.magnumServices().list().forEach(s -> log.info("{} {} {}", s.host(), s.binary(), s.state()));
 * }</pre>
 */
public interface MagnumServices
{
    /**
     * Every registered service, by id.
     *
     * @return the services
     * @throws ForbiddenException for a caller without the admin role (Magnum's {@code admin_api} rule)
     */
    List<MagnumService> list();
}
