package io.drautopilot.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * What {@code manifest.json} says about one logical snapshot (the contract shared with
 * validation-service). A snapshot without a manifest, or with {@code complete=false}, is not a
 * restore point.
 *
 * <p>Besides the key schema it records what an import needs to rebuild a table the application can
 * use: its secondary indexes and its TTL attribute (null when TTL is off). Manifests written before
 * those were recorded read as having none.
 */
public record SnapshotManifest(
    String tableName,
    String region,
    Instant takenAt,
    int segments,
    long itemCount,
    List<KeyElement> keySchema,
    List<AttributeDefinition> attributeDefinitions,
    boolean complete,
    List<SecondaryIndex> globalSecondaryIndexes,
    List<SecondaryIndex> localSecondaryIndexes,
    String timeToLiveAttribute) {

  public SnapshotManifest {
    keySchema = keySchema == null ? List.of() : List.copyOf(keySchema);
    attributeDefinitions =
        attributeDefinitions == null ? List.of() : List.copyOf(attributeDefinitions);
    globalSecondaryIndexes =
        globalSecondaryIndexes == null ? List.of() : List.copyOf(globalSecondaryIndexes);
    localSecondaryIndexes =
        localSecondaryIndexes == null ? List.of() : List.copyOf(localSecondaryIndexes);
  }

  /** A table with no secondary index and no TTL. */
  public SnapshotManifest(
      String tableName,
      String region,
      Instant takenAt,
      int segments,
      long itemCount,
      List<KeyElement> keySchema,
      List<AttributeDefinition> attributeDefinitions,
      boolean complete) {
    this(
        tableName,
        region,
        takenAt,
        segments,
        itemCount,
        keySchema,
        attributeDefinitions,
        complete,
        List.of(),
        List.of(),
        null);
  }

  /** One key schema element: attributeName and HASH or RANGE. */
  public record KeyElement(String attributeName, String keyType) {}

  /** One key attribute definition (of the table's or an index's key): attributeName and S, N or B. */
  public record AttributeDefinition(String attributeName, String attributeType) {}

  /**
   * A global or local secondary index: its key schema and projection ({@code ALL}, {@code KEYS_ONLY}
   * or {@code INCLUDE} with {@code nonKeyAttributes}).
   */
  public record SecondaryIndex(
      String indexName,
      List<KeyElement> keySchema,
      String projectionType,
      List<String> nonKeyAttributes) {
    public SecondaryIndex {
      keySchema = keySchema == null ? List.of() : List.copyOf(keySchema);
      nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }
  }

  /** The directory name of a snapshot inside {@code <location>/<table>/}. */
  public String directoryName() {
    return SnapshotNaming.directoryName(takenAt);
  }
}
