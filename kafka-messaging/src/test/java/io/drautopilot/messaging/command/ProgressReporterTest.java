package io.drautopilot.messaging.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ProgressReporterTest {

  final CommandDispatcherTest.MovableClock clock =
      new CommandDispatcherTest.MovableClock(Instant.parse("2026-01-15T10:30:00Z"));
  final EventPublisher publisher = mock(EventPublisher.class);
  final ProgressReporter reporter =
      new ProgressReporter(
          publisher,
          new EventMetadataFactory("validation-test", clock),
          EventMetadata.newBuilder()
              .setEventId("cmd-1")
              .setIncidentId("inc-1")
              .setCorrelationId("inc-1")
              .setOccurredAt(clock.instant())
              .setProducer("orchestrator-test")
              .build(),
          "ValidateTableCommand",
          Duration.ofSeconds(1));

  @Test
  void shouldPublishPercentFromDoneAndTotalAndThrottleWhenDomainCodeReportsThroughTheListener() {
    ProgressListener listener = reporter.listener();

    listener.progress(250, 1000L, 50.0, "scanning");
    listener.progress(300, 1000L, "scanning");
    clock.advance(Duration.ofSeconds(1));
    listener.progress(500, null, "scanning");

    ArgumentCaptor<IndexedRecord> published = ArgumentCaptor.forClass(IndexedRecord.class);
    verify(publisher, times(2)).publish(eq(Topics.COMMAND_PROGRESS), published.capture());
    CommandProgressed first = (CommandProgressed) published.getAllValues().get(0);
    CommandProgressed second = (CommandProgressed) published.getAllValues().get(1);
    assertThat(first.getPercentDone()).isEqualTo(25.0);
    assertThat(first.getItemsPerSecond()).isEqualTo(50.0);
    assertThat(first.getAction()).isEqualTo("ValidateTableCommand");
    assertThat(second.getItemsDone()).isEqualTo(500);
    assertThat(second.getPercentDone()).isNull();
    assertThat(second.getItemsPerSecond()).isNull();
  }
}
