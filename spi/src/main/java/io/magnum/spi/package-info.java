/**
 * The contract between magnum4j and a container orchestration engine (COE) driver.
 *
 * <p>A driver implements {@link io.magnum.spi.CoeDriver} and registers it in
 * {@code META-INF/services/io.magnum.spi.CoeDriver}; magnum4j finds it with {@link java.util.ServiceLoader}.
 * This package depends on the JDK only, so a driver never sees magnum4j's internals.
 */
package io.magnum.spi;
