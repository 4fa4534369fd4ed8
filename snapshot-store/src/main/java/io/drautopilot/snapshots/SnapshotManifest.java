package io.drautopilot.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * What {@code manifest.json} says about one logical snapshot (the contract shared with
 * validation-service). A snapshot without a manifest, or with {@code complete=false}, is not a
 * restore point.
 */
public record SnapshotManifest(String tableName, String region, Instant takenAt, int segments, long itemCount,
                               List<KeyElement> keySchema, List<AttributeDefinition> attributeDefinitions,
                               boolean complete) {

  /** One key schema element: attributeName and HASH or RANGE. */
  public record KeyElement(String attributeName, String keyType) {}

  /** One key attribute definition: attributeName and S, N or B. */
  public record AttributeDefinition(String attributeName, String attributeType) {}

  /** The directory name of a snapshot inside {@code <location>/<table>/}. */
  public String directoryName() {
    return SnapshotNaming.directoryName(takenAt);
  }
}
