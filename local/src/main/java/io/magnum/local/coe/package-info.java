/**
 * LocalCloud's local COE endpoints: for each bay, the COE's API served on 127.0.0.1 (a Kubernetes API, a TLS front
 * on the local Docker engine, a Marathon stand-in), so object calls really go over HTTP.
 */
package io.magnum.local.coe;
