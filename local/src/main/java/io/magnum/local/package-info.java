/**
 * LocalCloud, the embedded default cloud of magnum4j: no OpenStack needed.
 */
package io.magnum.local;
