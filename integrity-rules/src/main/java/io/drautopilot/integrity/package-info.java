/** Record integrity rules (the seed's PK, SK and entityType, plus configurable per-entity-type rules). */
package io.drautopilot.integrity;
