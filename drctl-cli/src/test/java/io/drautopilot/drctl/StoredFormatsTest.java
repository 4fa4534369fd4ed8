package io.drautopilot.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.drctl.IncidentDrill.PathStep;
import io.drautopilot.drctl.IncidentDrill.StepOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files drctl writes for later runs to read (a kept drill's log, an incident drill): their exact text. */
class StoredFormatsTest {

  @TempDir Path dir;

  private static DrillLog.Record record(String key, byte[] value) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("traceparent", "00-abc-def-01");
    headers.put("dr-none", null);
    return new DrillLog.Record(
        "dr.incident.timeline", 2, 41L, 1_767_225_600_000L, key, headers, value);
  }

  private static IncidentDrill drill() {
    return new IncidentDrill(
        IncidentDrill.FORMAT,
        IncidentDrill.VERSION,
        "inc-1",
        "TABLE_UNAVAILABLE",
        "P1",
        "eu-west-1",
        List.of("table/orders"),
        "fp-1",
        new IncidentDrill.Runbook("dynamodb-restore", 3),
        "2026-01-01T00:00:00Z",
        List.of(
            new IncidentDrill.Signal(
                0,
                false,
                "availability",
                "fp-1",
                "TABLE_UNAVAILABLE",
                "P1",
                "eu-west-1",
                List.of("table/orders"),
                -5_000,
                List.of(
                    new IncidentDrill.Symptom(
                        "TableUnavailable",
                        "table/orders",
                        "DescribeTable timed out",
                        -4_000,
                        1.5,
                        Map.of("table", "orders"))))),
        List.of(
            new PathStep(
                "restore",
                1,
                "RestoreTableToPointInTime",
                StepOutcome.FAILED,
                true,
                60_000,
                "throttled"),
            new PathStep(
                "restore",
                2,
                "RestoreTableToPointInTime",
                StepOutcome.SUCCEEDED,
                false,
                120_000,
                null)),
        new IncidentDrill.Recovery("RECOVERED", 180_000, 185L, 900L, null));
  }

  @Test
  void shouldWriteALoggedRecordAsOneLine() {
    assertThat(DrillLog.line(record("k-1", new byte[] {0, 1, 2, (byte) 255})))
        .isEqualTo(
            "{\"topic\":\"dr.incident.timeline\",\"partition\":2,\"offset\":41,\"timestamp\":1767225600000,"
                + "\"key\":\"k-1\","
                + "\"headers\":{\"traceparent\":\"00-abc-def-01\",\"dr-none\":null},"
                + "\"value\":\"AAEC/w==\"}");
    assertThat(DrillLog.line(record(null, null)))
        .isEqualTo(
            "{\"topic\":\"dr.incident.timeline\",\"partition\":2,\"offset\":41,\"timestamp\":1767225600000,"
                + "\"key\":null,"
                + "\"headers\":{\"traceparent\":\"00-abc-def-01\",\"dr-none\":null},"
                + "\"value\":null}");
  }

  @Test
  void shouldReadBackTheRecordsItLogged() throws Exception {
    DrillLog.write(dir, List.of(record("k-1", new byte[] {0, 1, 2, (byte) 255})));

    DrillLog.Record read = DrillLog.read(dir).records().get(0);

    assertThat(read.key()).isEqualTo("k-1");
    assertThat(read.headers())
        .containsEntry("traceparent", "00-abc-def-01")
        .containsEntry("dr-none", null);
    assertThat(read.value()).containsExactly(0, 1, 2, 255);
    assertThat(List.of(read.partition(), read.offset(), read.timestamp()))
        .containsExactly(2, 41L, 1_767_225_600_000L);
  }

  @Test
  void shouldWriteTheIncidentDrill() throws Exception {
    Path file = drill().write(dir);

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(
            """
        {
          "format" : "dr-autopilot.incident-drill",
          "version" : 1,
          "incidentId" : "inc-1",
          "scenario" : "TABLE_UNAVAILABLE",
          "severity" : "P1",
          "region" : "eu-west-1",
          "affectedResources" : [ "table/orders" ],
          "fingerprint" : "fp-1",
          "runbook" : {
            "id" : "dynamodb-restore",
            "version" : 3
          },
          "firstSignalAt" : "2026-01-01T00:00:00Z",
          "signals" : [ {
            "atMillis" : 0,
            "joined" : false,
            "detectorId" : "availability",
            "fingerprint" : "fp-1",
            "scenario" : "TABLE_UNAVAILABLE",
            "severity" : "P1",
            "region" : "eu-west-1",
            "affectedResources" : [ "table/orders" ],
            "impactStartedAtMillis" : -5000,
            "symptoms" : [ {
              "signal" : "TableUnavailable",
              "resource" : "table/orders",
              "detail" : "DescribeTable timed out",
              "observedAtMillis" : -4000,
              "value" : 1.5,
              "subjects" : {
                "table" : "orders"
              }
            } ]
          } ],
          "path" : [ {
            "step" : "restore",
            "attempt" : 1,
            "action" : "RestoreTableToPointInTime",
            "outcome" : "FAILED",
            "retried" : true,
            "atMillis" : 60000,
            "reason" : "throttled"
          }, {
            "step" : "restore",
            "attempt" : 2,
            "action" : "RestoreTableToPointInTime",
            "outcome" : "SUCCEEDED",
            "retried" : false,
            "atMillis" : 120000
          } ],
          "recovery" : {
            "outcome" : "RECOVERED",
            "resolvedAtMillis" : 180000,
            "measuredRtoSeconds" : 185,
            "rtoTargetSeconds" : 900
          }
        }
        """);
    assertThat(IncidentDrill.read(dir)).isEqualTo(drill());
  }
}
