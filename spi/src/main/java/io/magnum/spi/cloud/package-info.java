/**
 * The cloud contract: what magnum4j needs from a cloud (images, flavors, keypairs, networks; stack operations
 * follow). Implemented by the in-process {@code LocalCloud} and by the OpenStack cloud.
 */
package io.magnum.spi.cloud;
