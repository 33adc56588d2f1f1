/**
 * Mutual TLS from a bay's PEM material, with the JDK alone: {@link io.magnum.spi.tls.PemTls} turns a
 * {@link io.magnum.spi.BayEndpoint.Tls} into JSSE key managers, trust managers or an {@link javax.net.ssl.SSLContext}
 * that trusts the bay's CA and nothing else.
 */
package io.magnum.spi.tls;
