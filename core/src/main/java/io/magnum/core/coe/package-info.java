/** COE objects behind the facade: one driver connection per bay, pods/services/rcs, containers and their records. */
package io.magnum.core.coe;
