package io.magnum;

import io.magnum.model.ReplicationController;

/** The replication controllers of Kubernetes bays ({@code rc-create}, {@code rc-list}, {@code rc-show}, {@code rc-update}, {@code rc-delete}). */
public interface ReplicationControllers extends BayObjects<ReplicationController>
{
    /**
     * Sets how many replicas a controller wants.
     *
     * @param bay      the bay's uuid or name
     * @param ident    the controller's name or uid
     * @param replicas zero or more
     * @return the controller as the COE stored it
     */
    ReplicationController scale(String bay, String ident, int replicas);
}
