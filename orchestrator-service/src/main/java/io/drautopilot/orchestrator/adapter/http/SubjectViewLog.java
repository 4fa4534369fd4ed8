package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.operator.BreachSubjectsViewSubmitted;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who looked: a security officer shown a breach incident's subjects is written to
 * dr.operator.actions ({@code BreachSubjectsViewSubmitted}), from where the engine puts it on the
 * incident's chained timeline as {@code BreachSubjectsViewed}, like an acknowledgement. A page
 * refreshed every few seconds is one reading: at most one record per person and incident per
 * {@code interval} (per instance, in memory; the instance holding the incident answers for it).
 */
public final class SubjectViewLog {

  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final Clock clock;
  private final Duration interval;

  /** incident id + person → when their reading was last recorded */
  private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

  public SubjectViewLog(
      EventPublisher publisher, EventMetadataFactory metadata, Clock clock, Duration interval) {
    this.publisher = publisher;
    this.metadata = metadata;
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * Records the reading unless this person's reading of this incident was recorded within the
   * interval. Throws when it cannot be written: the subjects are then not shown.
   */
  void record(IncidentState s, Caller caller, java.util.List<String> subjectNames, String path) {
    Instant now = clock.instant();
    String key = s.incidentId + "\n" + caller.name();
    Instant last = recorded.get(key);
    if (last != null && now.isBefore(last.plus(interval))) {
      return;
    }
    EventMetadata m = metadata.newChain(s.incidentId, s.correlationId);
    m.setRunbookId(s.runbookId);
    m.setRunbookVersion(s.runbookVersion);
    publisher.publish(
        Topics.OPERATOR_ACTIONS,
        s.incidentId,
        BreachSubjectsViewSubmitted.newBuilder()
            .setMetadata(m)
            .setViewedBy(caller.name())
            .setSubjectNames(new java.util.ArrayList<>(subjectNames))
            .setReadPath(path)
            .build());
    recorded.put(key, now);
    if (recorded.size() > 10_000) {
      recorded.values().removeIf(t -> now.isAfter(t.plus(interval)));
    }
  }
}
