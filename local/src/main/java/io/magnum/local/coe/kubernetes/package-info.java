/**
 * LocalCloud's Kubernetes API for Kubernetes bays: fabric8's mock server in CRUD mode on 127.0.0.1, one per bay,
 * behind a TLS front that serves the bay's server certificate and demands client certificates signed by the bay's
 * CA ({@link io.magnum.local.coe.kubernetes.KubernetesHost}).
 */
package io.magnum.local.coe.kubernetes;
