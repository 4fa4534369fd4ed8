/**
 * Record integrity rules, shared by validation-service and the detector's integrity probe so both
 * judge an item the same way: the seed's PK, SK and entityType present, plus configurable
 * per-entity-type required attributes and types.
 *
 * <ul>
 *   <li>{@link io.drautopilot.integrity.RuleSetSpec}: the configuration (a bean to bind);
 *   <li>{@link io.drautopilot.integrity.RuleSet}: the rules; {@code evaluate(item)} gives the
 *       {@link io.drautopilot.integrity.Violation}s, {@code keyOf(item)} the item's key for reports;
 *   <li>{@link io.drautopilot.integrity.IntegrityTally}: thread-safe counts over many items;
 *   <li>{@link io.drautopilot.integrity.dynamodb.DynamoDbItems#view}: an SDK item as an
 *       {@link io.drautopilot.integrity.ItemView}.
 * </ul>
 */
package io.drautopilot.integrity;
