package io.drautopilot.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored {@code manifest.json} is a format: these are its exact bytes. */
class ManifestJsonTest {

  private static final SnapshotManifest MANIFEST =
      new SnapshotManifest(
          "orders",
          "eu-west-1",
          Instant.parse("2026-03-01T10:15:30Z"),
          4,
          1234L,
          List.of(
              new SnapshotManifest.KeyElement("pk", "HASH"),
              new SnapshotManifest.KeyElement("sk", "RANGE")),
          List.of(
              new SnapshotManifest.AttributeDefinition("pk", "S"),
              new SnapshotManifest.AttributeDefinition("sk", "N")),
          true,
          List.of(
              new SnapshotManifest.SecondaryIndex(
                  "byCustomer",
                  List.of(new SnapshotManifest.KeyElement("customer", "HASH")),
                  "INCLUDE",
                  List.of("total"))),
          List.of(),
          "expiresAt");

  @Test
  void shouldWriteTheManifestByteForByteAsStored() {
    assertThat(new String(ManifestJson.write(MANIFEST), StandardCharsets.UTF_8))
        .isEqualTo(
            """
      {
        "tableName" : "orders",
        "region" : "eu-west-1",
        "takenAt" : "2026-03-01T10:15:30Z",
        "segments" : 4,
        "itemCount" : 1234,
        "keySchema" : [ {
          "attributeName" : "pk",
          "keyType" : "HASH"
        }, {
          "attributeName" : "sk",
          "keyType" : "RANGE"
        } ],
        "attributeDefinitions" : [ {
          "attributeName" : "pk",
          "attributeType" : "S"
        }, {
          "attributeName" : "sk",
          "attributeType" : "N"
        } ],
        "complete" : true,
        "globalSecondaryIndexes" : [ {
          "indexName" : "byCustomer",
          "keySchema" : [ {
            "attributeName" : "customer",
            "keyType" : "HASH"
          } ],
          "projectionType" : "INCLUDE",
          "nonKeyAttributes" : [ "total" ]
        } ],
        "localSecondaryIndexes" : [ ],
        "timeToLiveAttribute" : "expiresAt"
      }""");
  }

  @Test
  void shouldReadBackTheManifestItWrote() {
    assertThat(ManifestJson.read(ManifestJson.write(MANIFEST))).contains(MANIFEST);
  }
}
