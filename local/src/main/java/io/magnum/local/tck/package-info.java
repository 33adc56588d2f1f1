/**
 * The driver TCK: contract tests any {@link io.magnum.spi.CoeDriver} module runs against LocalCloud by extending
 * {@link io.magnum.local.tck.CoeDriverContract} in its tests, and what they use to play magnum4j's conductor without
 * its core ({@link io.magnum.local.tck.LocalBay}, {@link io.magnum.local.tck.TestCa}).
 *
 * <p>This package needs JUnit 5's API, AssertJ and BouncyCastle's bcpkix, which {@code magnum-local} declares as
 * optional: a module running the TCK declares them in its test scope.
 */
package io.magnum.local.tck;
