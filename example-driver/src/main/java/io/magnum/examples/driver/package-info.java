/**
 * An example of a third-party COE driver: plain Docker hosts ({@link io.magnum.examples.driver.DockerDriver}), with
 * its own HOT template, found by {@link java.util.ServiceLoader} from this jar. See this module's README for how to
 * write one.
 */
package io.magnum.examples.driver;
