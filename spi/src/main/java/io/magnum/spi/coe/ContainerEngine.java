package io.magnum.spi.coe;

/**
 * The containers of a bay, addressed by the COE's own id (the one {@link #create} returned). magnum4j keeps its
 * own record of each container (uuid, name, image, command, status, bay) and asks the COE for the truth.
 *
 * <p>The verbs a COE lacks keep their default, which throws {@link CoeException.Reason#UNSUPPORTED}. A container
 * that is gone is {@link CoeException.Reason#NOT_FOUND}, except for {@link #delete}, which tolerates it.
 */
public interface ContainerEngine
{
    /**
     * Creates a container, not started (Docker), or an app (Marathon, which starts it).
     *
     * @param spec what to create
     * @return its state
     */
    ContainerState create(ContainerSpec spec);

    /**
     * Reads a container's state.
     *
     * @param id the COE's id
     * @return its state
     */
    ContainerState inspect(String id);

    /**
     * Deletes a container, stopping it first; one already gone is not an error.
     *
     * @param id the COE's id
     */
    void delete(String id);

    /**
     * @param id the COE's id
     * @return the state after starting it
     */
    default ContainerState start(String id)
    {
        throw CoeException.unsupported("start");
    }

    /**
     * @param id the COE's id
     * @return the state after stopping it
     */
    default ContainerState stop(String id)
    {
        throw CoeException.unsupported("stop");
    }

    /**
     * @param id the COE's id
     * @return the state after pausing it
     */
    default ContainerState pause(String id)
    {
        throw CoeException.unsupported("pause");
    }

    /**
     * @param id the COE's id
     * @return the state after unpausing it
     */
    default ContainerState unpause(String id)
    {
        throw CoeException.unsupported("unpause");
    }

    /**
     * Restarts a container.
     *
     * @param id the COE's id
     * @return the state after the restart
     */
    default ContainerState reboot(String id)
    {
        throw CoeException.unsupported("reboot");
    }

    /**
     * Runs a command in a running container and waits for it.
     *
     * @param id      the COE's id
     * @param command the command, split on blanks
     * @return what it wrote (standard output and error)
     */
    default String exec(String id, String command)
    {
        throw CoeException.unsupported("exec");
    }

    /**
     * @param id the COE's id
     * @return the container's logs (standard output and error)
     */
    default String logs(String id)
    {
        throw CoeException.unsupported("logs");
    }

    /**
     * Sets how many instances run (Marathon apps).
     *
     * @param id        the COE's id
     * @param instances the instances wanted, zero or more
     * @return the state after the change was accepted
     */
    default ContainerState scale(String id, int instances)
    {
        throw CoeException.unsupported("scale");
    }
}
