/**
 * magnum4j's internals. Not API: public only so the bootstrap can reach across packages; anything here may change
 * in any release.
 */
package io.magnum.core;
