package io.magnum;

import io.magnum.model.CoeService;

/** The services of Kubernetes bays ({@code coe-service-create}, {@code -list}, {@code -show}, {@code -update}, {@code -delete}). */
public interface CoeServices extends BayObjects<CoeService>
{
}
