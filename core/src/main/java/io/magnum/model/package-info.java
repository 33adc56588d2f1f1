/**
 * The values magnum4j's facade takes and returns: immutable records and their builders.
 */
package io.magnum.model;
