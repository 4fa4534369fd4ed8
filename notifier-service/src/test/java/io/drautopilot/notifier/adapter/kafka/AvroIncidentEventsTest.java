package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroIncidentEventsTest {

  @Test
  void aSymptomLineNamesWhatItsEvidencePointsAtAndNothingWhenItNamesNothing() {
    Evidence burst =
        Evidence.newBuilder()
            .setSignal("cloudtrail-breach:suspicious-access")
            .setResource("entities")
            .setDetail("1200 Scans by arn:aws:iam::000000000000:user/mallory")
            .setObservedAt(Instant.EPOCH)
            .setSubjects(
                Map.of(
                    "principalType",
                    "USER",
                    "principalName",
                    "mallory",
                    "sourceIp",
                    "203.0.113.45"))
            .build();
    Evidence down =
        Evidence.newBuilder()
            .setSignal("table-availability")
            .setResource("entities")
            .setDetail("ResourceNotFoundException")
            .setObservedAt(Instant.EPOCH)
            .build();

    assertThat(AvroIncidentEvents.symptoms(List.of(burst, down)))
        .containsExactly(
            "cloudtrail-breach:suspicious-access on entities: 1200 Scans by arn:aws:iam::000000000000:user/mallory"
                + " (subjects: principalName=mallory, principalType=USER, sourceIp=203.0.113.45)",
            "table-availability on entities: ResourceNotFoundException");
  }
}
