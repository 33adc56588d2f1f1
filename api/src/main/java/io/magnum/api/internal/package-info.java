/**
 * The API server's internals: routing, JSON reading and writing, Magnum's JSON shapes. Not API: public only so the
 * server in {@code io.magnum.api} can reach it; anything here may change in any release.
 */
package io.magnum.api.internal;
