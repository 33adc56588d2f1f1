/**
 * A real OpenStack cloud for magnum4j: {@link io.magnum.openstack.OpenStackCloud}, which builds bays with Heat and
 * validates baymodels against Glance, Nova and Neutron. Its public signatures use only JDK and
 * {@code io.magnum.spi.cloud} types.
 */
package io.magnum.openstack;
