/**
 * LocalCloud's Heat engine: parses HOT templates, checks parameters and constraints, evaluates intrinsic
 * functions, and creates, updates and deletes simulated resources in dependency order. Internal to LocalCloud.
 */
package io.magnum.local.heat;
