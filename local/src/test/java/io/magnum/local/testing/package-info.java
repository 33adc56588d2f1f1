/** Helpers for tests of LocalCloud and of the engines, shipped in magnum-local's test jar. */
package io.magnum.local.testing;
