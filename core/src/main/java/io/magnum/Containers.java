package io.magnum;

import java.util.List;
import java.util.Optional;

import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;

/**
 * The containers of Swarm and Mesos bays ({@code container-*}). magnum4j keeps a record of each; its status follows
 * the COE's, read again on every show and after every verb. Containers are addressed by uuid or name (a name two
 * containers share must be given as a uuid). The bay must be {@code CREATE_COMPLETE} or {@code UPDATE_COMPLETE} for
 * every call that reaches the COE. A verb the bay's COE lacks (pause on Mesos, say) is a
 * {@link NotSupportedException}.
 */
public interface Containers
{
    /**
     * Creates a container on a bay (not started on Docker; Marathon starts its apps).
     *
     * @param spec what to create
     * @return the container
     * @throws InvalidInputException naming the field at fault (an image the bay does not have, a bad memory limit)
     */
    Container create(ContainerSpec spec);

    /**
     * @param ident the container's uuid or name
     * @return the container, its status read from the COE
     */
    Container get(String ident);

    /**
     * @param ident the container's uuid or name
     * @return the container, or empty
     */
    Optional<Container> find(String ident);

    /** @return every container the caller may see, as stored (no COE call) */
    List<Container> list();

    /**
     * @param options limit, marker, sort key and direction
     * @return one page of containers, as stored
     */
    Page<Container> list(ListOptions options);

    /**
     * @param ident the container's uuid or name
     * @return the container after the start
     */
    Container start(String ident);

    /**
     * @param ident the container's uuid or name
     * @return the container after the stop
     */
    Container stop(String ident);

    /**
     * @param ident the container's uuid or name
     * @return the container after the pause
     */
    Container pause(String ident);

    /**
     * @param ident the container's uuid or name
     * @return the container after the unpause
     */
    Container unpause(String ident);

    /**
     * Restarts a container.
     *
     * @param ident the container's uuid or name
     * @return the container after the restart
     */
    Container reboot(String ident);

    /**
     * Runs a command in a running container ({@code container-exec --command "ls /"}).
     *
     * @param ident   the container's uuid or name
     * @param command the command
     * @return its output
     */
    String exec(String ident, String command);

    /**
     * @param ident the container's uuid or name
     * @return the container's logs
     */
    String logs(String ident);

    /**
     * Deletes a container from the COE and its record.
     *
     * @param ident the container's uuid or name
     */
    void delete(String ident);
}
