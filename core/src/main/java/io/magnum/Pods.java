package io.magnum;

import io.magnum.model.Pod;

/** The pods of Kubernetes bays ({@code pod-create}, {@code pod-list}, {@code pod-show}, {@code pod-update}, {@code pod-delete}). */
public interface Pods extends BayObjects<Pod>
{
}
