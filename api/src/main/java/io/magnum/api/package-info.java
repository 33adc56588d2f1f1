/**
 * Magnum's v1 REST API over the facade: {@link io.magnum.api.MagnumApiServer}, and how it checks tokens
 * ({@link io.magnum.api.TokenAuthenticator}, {@link io.magnum.api.KeystoneTokenAuthenticator}).
 */
package io.magnum.api;
