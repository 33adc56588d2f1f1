/**
 * What a driver offers for the objects users run on a bay: Kubernetes-style manifest objects (pods, services,
 * replication controllers) and containers.
 *
 * <p>A driver returns a {@link io.magnum.spi.coe.CoeConnection} from
 * {@link io.magnum.spi.CoeDriver#connect(io.magnum.spi.BayModelView, io.magnum.spi.BayEndpoint)}; magnum4j keeps one
 * connection per bay, uses it from any thread, and closes it when the bay goes, its certificates change or magnum4j
 * closes. Every failure of the COE reaches magnum4j as a {@link io.magnum.spi.coe.CoeException} whose
 * {@link io.magnum.spi.coe.CoeException.Reason} magnum4j turns into its own typed errors.
 */
package io.magnum.spi.coe;
