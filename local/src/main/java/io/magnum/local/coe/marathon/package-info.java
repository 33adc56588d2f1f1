/**
 * LocalCloud's stand-in for Marathon's v2 apps API, which serves each Mesos bay on 127.0.0.1
 * ({@link io.magnum.local.coe.marathon.MarathonHost}).
 */
package io.magnum.local.coe.marathon;
