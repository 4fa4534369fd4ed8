package io.drautopilot.snapshots;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code manifest.json} as it is stored: takenAt as an ISO-8601 string, fields as in the record. */
final class ManifestJson {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ManifestJson() {}

  static byte[] write(SnapshotManifest m) {
    return JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(
            new Stored(
                m.tableName(),
                m.region(),
                m.takenAt().toString(),
                m.segments(),
                m.itemCount(),
                m.keySchema(),
                m.attributeDefinitions(),
                m.complete(),
                m.globalSecondaryIndexes(),
                m.localSecondaryIndexes(),
                m.timeToLiveAttribute()));
  }

  /** The manifest, or empty when the bytes are not one (a torn or foreign file is not a restore point). */
  static Optional<SnapshotManifest> read(byte[] bytes) {
    try {
      Stored s = JSON.readValue(bytes, Stored.class);
      if (s.tableName() == null || s.takenAt() == null) {
        return Optional.empty();
      }
      return Optional.of(
          new SnapshotManifest(
              s.tableName(),
              s.region(),
              Instant.parse(s.takenAt()),
              s.segments(),
              s.itemCount(),
              s.keySchema(),
              s.attributeDefinitions(),
              s.complete(),
              s.globalSecondaryIndexes(),
              s.localSecondaryIndexes(),
              s.timeToLiveAttribute()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  record Stored(
      String tableName,
      String region,
      String takenAt,
      int segments,
      long itemCount,
      List<SnapshotManifest.KeyElement> keySchema,
      List<SnapshotManifest.AttributeDefinition> attributeDefinitions,
      boolean complete,
      List<SnapshotManifest.SecondaryIndex> globalSecondaryIndexes,
      List<SnapshotManifest.SecondaryIndex> localSecondaryIndexes,
      String timeToLiveAttribute) {}
}
