package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeResult;
import io.drautopilot.contracts.timeline.BreachSubjectsViewed;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.notifier.domain.report.CommandCompleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroIncidentEventsTest {

  static final EventMetadata META =
      EventMetadata.newBuilder()
          .setEventId("e1")
          .setIncidentId("INC-1")
          .setCorrelationId("INC-1")
          .setOccurredAt(Instant.EPOCH)
          .setProducer("test")
          .build();

  @Test
  void shouldGiveTheReportATimelineRecordAsItIs() {
    IncidentClosed closed =
        IncidentClosed.newBuilder().setMetadata(META).setClosedBy("jane").setReason("done").build();

    assertThat(AvroIncidentEvents.map(closed)).containsSame(closed);
  }

  @Test
  void shouldLeaveOutATimelineRecordTheReportDoesNotRead() {
    BreachSubjectsViewed viewed =
        BreachSubjectsViewed.newBuilder()
            .setMetadata(META)
            .setViewedBy("jane")
            .setSubjectNames(List.of("mallory"))
            .build();

    assertThat(AvroIncidentEvents.map(viewed)).isEmpty();
  }

  @Test
  void shouldFlattenAFailedResultWithItsMetadata() {
    RestoreTableToPointInTimeResult result =
        RestoreTableToPointInTimeResult.newBuilder()
            .setMetadata(META)
            .setOutcome(
                CommandFailure.newBuilder()
                    .setCode("Throttled")
                    .setMessage("slow down")
                    .setRetryable(true)
                    .build())
            .build();

    assertThat(AvroIncidentEvents.map(result))
        .get()
        .isInstanceOfSatisfying(
            CommandCompleted.class,
            c -> {
              assertThat(c.metadata()).isEqualTo(META);
              assertThat(c.success()).isFalse();
              assertThat(c.outcomeType()).isEqualTo("CommandFailure");
              assertThat(c.fields())
                  .containsExactly(
                      Map.entry("code", "Throttled"),
                      Map.entry("message", "slow down"),
                      Map.entry("retryable", "true"));
            });
  }
}
