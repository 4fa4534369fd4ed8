package io.drautopilot.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every snapshot location does, run against the file system and against a real S3 server. */
abstract class SnapshotLocationContract {

  static final Instant T1 = Instant.parse("2026-01-15T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-15T10:30:00Z");
  static final Instant T3 = Instant.parse("2026-01-15T11:00:00Z");

  /** A new, empty location. */
  abstract SnapshotLocation location();

  /** The store resolving this kind of location. */
  abstract SnapshotStore store();

  static SnapshotManifest manifest(Instant takenAt, boolean complete) {
    return new SnapshotManifest(
        "entities",
        "us-east-1",
        takenAt,
        2,
        complete ? 3 : 0,
        List.of(
            new SnapshotManifest.KeyElement("PK", "HASH"),
            new SnapshotManifest.KeyElement("SK", "RANGE")),
        List.of(
            new SnapshotManifest.AttributeDefinition("PK", "S"),
            new SnapshotManifest.AttributeDefinition("SK", "S")),
        complete);
  }

  static void write(Snapshot s, int segment, String text) throws IOException {
    try (OutputStream out = s.createSegment(segment)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String read(Snapshot s, int segment) throws IOException {
    try (InputStream in = s.openSegment(segment)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void segmentsAndManifestRoundTripAndTheUriFindsTheSnapshotAgain() throws IOException {
    SnapshotLocation where = location();
    Snapshot s = where.snapshot("entities", T2);
    assertThat(s.name()).isEqualTo("20260115T103000000Z");
    assertThat(s.uri()).endsWith("entities/20260115T103000000Z");
    assertThat(s.manifest()).isEmpty();

    write(s, 0, "{\"Item\":{\"PK\":{\"S\":\"a\"}}}\n");
    write(s, 1, "");
    s.writeManifest(manifest(T2, true));

    Snapshot again = store().snapshot(s.uri());
    assertThat(again.manifest()).contains(manifest(T2, true));
    assertThat(read(again, 0)).isEqualTo("{\"Item\":{\"PK\":{\"S\":\"a\"}}}\n");
    assertThat(read(again, 1)).isEmpty();
  }

  @Test
  void listingShowsSnapshotsWithAManifestAndTheLatestCompleteOneIsChosen() throws IOException {
    SnapshotLocation where = location();
    where.snapshot("entities", T1).writeManifest(manifest(T1, true));
    where.snapshot("entities", T2).writeManifest(manifest(T2, true));
    where.snapshot("entities", T3).writeManifest(manifest(T3, false));
    // an export that crashed before its manifest: segments only
    write(where.snapshot("entities", T3.plusSeconds(60)), 0, "partial");
    where.snapshot("events", T3).writeManifest(manifest(T3, true));

    assertThat(where.list("entities"))
        .extracting(l -> l.manifest().takenAt())
        .containsExactlyInAnyOrder(T1, T2, T3);
    assertThat(where.latestComplete("entities"))
        .map(l -> l.snapshot().name())
        .contains("20260115T103000000Z");
    assertThat(where.list("orders")).isEmpty();
    assertThat(where.latestComplete("orders")).isEmpty();
  }

  @Test
  void aTableDirectoryResolvesToItsLatestCompleteSnapshotAndASnapshotToItself() {
    SnapshotLocation where = location();
    Snapshot t1 = where.snapshot("entities", T1);
    t1.writeManifest(manifest(T1, true));
    where.snapshot("entities", T2).writeManifest(manifest(T2, true));
    where.snapshot("entities", T3).writeManifest(manifest(T3, false));

    assertThat(store().complete(where.uri() + "/entities"))
        .map(l -> l.snapshot().name())
        .contains("20260115T103000000Z");
    assertThat(store().complete(where.uri() + "/entities/"))
        .map(l -> l.snapshot().name())
        .contains("20260115T103000000Z");
    assertThat(store().complete(t1.uri())).map(l -> l.snapshot().uri()).contains(t1.uri());
    assertThat(store().complete(where.uri() + "/orders")).isEmpty();
  }

  @Test
  void secondaryIndexesAndTheTtlAttributeRoundTripAndOldManifestsReadAsHavingNone()
      throws IOException {
    SnapshotManifest.SecondaryIndex byType =
        new SnapshotManifest.SecondaryIndex(
            "byEntityType",
            List.of(
                new SnapshotManifest.KeyElement("entityType", "HASH"),
                new SnapshotManifest.KeyElement("SK", "RANGE")),
            "INCLUDE",
            List.of("name"));
    SnapshotManifest.SecondaryIndex local =
        new SnapshotManifest.SecondaryIndex(
            "bySalary",
            List.of(
                new SnapshotManifest.KeyElement("PK", "HASH"),
                new SnapshotManifest.KeyElement("salary", "RANGE")),
            "KEYS_ONLY",
            List.of());
    SnapshotManifest base = manifest(T1, true);
    SnapshotManifest full =
        new SnapshotManifest(
            base.tableName(),
            base.region(),
            T1,
            2,
            3,
            base.keySchema(),
            base.attributeDefinitions(),
            true,
            List.of(byType),
            List.of(local),
            "expiresAt");
    Snapshot s = location().snapshot("entities", T1);
    s.writeManifest(full);
    assertThat(s.manifest()).contains(full);

    overwriteManifest(
        s,
        """
        {"tableName": "entities", "region": "us-east-1", "takenAt": "2026-01-15T10:00:00Z", "segments": 2,
         "itemCount": 3, "keySchema": [{"attributeName": "PK", "keyType": "HASH"}],
         "attributeDefinitions": [{"attributeName": "PK", "attributeType": "S"}], "complete": true}
        """);
    assertThat(s.manifest())
        .hasValueSatisfying(
            m -> {
              assertThat(m.globalSecondaryIndexes()).isEmpty();
              assertThat(m.localSecondaryIndexes()).isEmpty();
              assertThat(m.timeToLiveAttribute()).isNull();
              assertThat(m.complete()).isTrue();
            });
  }

  @Test
  void aTornManifestIsNotARestorePoint() throws IOException {
    SnapshotLocation where = location();
    Snapshot s = where.snapshot("entities", T1);
    s.writeManifest(manifest(T1, true));
    overwriteManifest(s, "{\"tableName\": \"entit");
    assertThat(s.manifest()).isEmpty();
    assertThat(where.list("entities")).isEmpty();
  }

  /** Replaces the stored manifest bytes (to simulate a torn or foreign file). */
  abstract void overwriteManifest(Snapshot s, String content) throws IOException;
}
