/**
 * The OpenStack cloud behind {@code io.magnum.openstack.OpenStackCloud}: Keystone v3 authentication, Heat, Nova,
 * Glance and Neutron through openstack4j. Not API: public only so the public class can reach it; anything here may
 * change in any release. openstack4j types never leave this package.
 *
 * <p>openstack4j keeps its session in a thread-local, so nothing here holds an openstack4j client: every call binds a
 * fresh one to the calling thread from the token ({@link io.magnum.core.cloud.openstack.KeystoneSession#call}).
 */
package io.magnum.core.cloud.openstack;
