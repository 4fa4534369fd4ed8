package io.drautopilot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive's {@code manifest.json} is a format an auditor reads: these are its exact bytes. */
class ArchiveManifestTest {

  private static ArchiveManifest manifest(ArchiveManifest.Chain chain) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("dr.incident.timeline", 2);
    counts.put("dr.commands", 1);
    return new ArchiveManifest(
        ArchiveManifest.FORMAT,
        "inc-1",
        "arch-1",
        "2026-03-01T10:15:30Z",
        3,
        counts,
        chain,
        List.of(
            new ArchiveManifest.ArchiveFile(
                "timeline/0.avro",
                "dr.incident.timeline",
                "io.drautopilot.contracts.IncidentEvent",
                "0123456789abcdef",
                2,
                "ab".repeat(32)),
            new ArchiveManifest.ArchiveFile(
                "commands/0.avro",
                "dr.commands",
                "io.drautopilot.contracts.Command",
                "fedcba9876543210",
                1,
                "cd".repeat(32))),
        List.of(0, 1, 0));
  }

  @Test
  void shouldWriteTheManifestByteForByteWithAChain() {
    byte[] json =
        manifest(
                new ArchiveManifest.Chain(
                    "VERIFIED", "head", "sig", "key-1", "2 records, chain intact"))
            .toJson();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            """
      {
        "format" : "dr-autopilot-incident-archive/1",
        "incidentId" : "inc-1",
        "archiveId" : "arch-1",
        "archivedAt" : "2026-03-01T10:15:30Z",
        "records" : 3,
        "recordCounts" : {
          "dr.incident.timeline" : 2,
          "dr.commands" : 1
        },
        "chain" : {
          "status" : "VERIFIED",
          "head" : "head",
          "signature" : "sig",
          "signingKeyId" : "key-1",
          "summary" : "2 records, chain intact"
        },
        "files" : [ {
          "path" : "timeline/0.avro",
          "topic" : "dr.incident.timeline",
          "schema" : "io.drautopilot.contracts.IncidentEvent",
          "fingerprint" : "0123456789abcdef",
          "records" : 2,
          "sha256" : "abababababababababababababababababababababababababababababababab"
        }, {
          "path" : "commands/0.avro",
          "topic" : "dr.commands",
          "schema" : "io.drautopilot.contracts.Command",
          "fingerprint" : "fedcba9876543210",
          "records" : 1,
          "sha256" : "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
        } ],
        "order" : [ 0, 1, 0 ]
      }""");
  }

  @Test
  void shouldLeaveOutTheChainsNullFields() {
    byte[] json =
        manifest(new ArchiveManifest.Chain("UNSIGNED", null, null, null, "unsigned")).toJson();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            """
      {
        "format" : "dr-autopilot-incident-archive/1",
        "incidentId" : "inc-1",
        "archiveId" : "arch-1",
        "archivedAt" : "2026-03-01T10:15:30Z",
        "records" : 3,
        "recordCounts" : {
          "dr.incident.timeline" : 2,
          "dr.commands" : 1
        },
        "chain" : {
          "status" : "UNSIGNED",
          "summary" : "unsigned"
        },
        "files" : [ {
          "path" : "timeline/0.avro",
          "topic" : "dr.incident.timeline",
          "schema" : "io.drautopilot.contracts.IncidentEvent",
          "fingerprint" : "0123456789abcdef",
          "records" : 2,
          "sha256" : "abababababababababababababababababababababababababababababababab"
        }, {
          "path" : "commands/0.avro",
          "topic" : "dr.commands",
          "schema" : "io.drautopilot.contracts.Command",
          "fingerprint" : "fedcba9876543210",
          "records" : 1,
          "sha256" : "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
        } ],
        "order" : [ 0, 1, 0 ]
      }""");
  }

  @Test
  void shouldLeaveOutTheChainWhenNoTimelineRecordWasArchived() {
    byte[] json = manifest(null).toJson();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            """
      {
        "format" : "dr-autopilot-incident-archive/1",
        "incidentId" : "inc-1",
        "archiveId" : "arch-1",
        "archivedAt" : "2026-03-01T10:15:30Z",
        "records" : 3,
        "recordCounts" : {
          "dr.incident.timeline" : 2,
          "dr.commands" : 1
        },
        "files" : [ {
          "path" : "timeline/0.avro",
          "topic" : "dr.incident.timeline",
          "schema" : "io.drautopilot.contracts.IncidentEvent",
          "fingerprint" : "0123456789abcdef",
          "records" : 2,
          "sha256" : "abababababababababababababababababababababababababababababababab"
        }, {
          "path" : "commands/0.avro",
          "topic" : "dr.commands",
          "schema" : "io.drautopilot.contracts.Command",
          "fingerprint" : "fedcba9876543210",
          "records" : 1,
          "sha256" : "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
        } ],
        "order" : [ 0, 1, 0 ]
      }""");
  }

  @Test
  void shouldReadBackTheManifestItWrote() {
    ArchiveManifest written =
        manifest(new ArchiveManifest.Chain("VERIFIED", "head", "sig", "key-1", "ok"));

    assertThat(ArchiveManifest.fromJson(written.toJson(), "mem://inc-1")).isEqualTo(written);
  }
}
