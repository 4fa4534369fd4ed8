package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The breach subjects an incident's evidence names (principal names and ARNs, access key ids,
 * source IPs), read from the incident log projection, so notifications to channels that are not
 * confidential can mask them. The notify command's own timeline entry is written after the
 * incident's opening, so once it has been read the evidence known at that moment has been too.
 */
@FunctionalInterface
public interface IncidentSubjects {

  /**
   * The subjects' values, or empty when the incident's log could not be read in time (its opening
   * not seen): the caller decides whether it may go on without them. With {@code awaitLog} false,
   * what has been read so far, without waiting (for pages that must not wait: evidence naming
   * subjects comes with breach incidents).
   */
  Optional<Set<String>> of(String incidentId, String commandEventId, boolean awaitLog)
      throws InterruptedException;

  /** From the incident log projection, waiting up to {@code catchUp} for the command's own timeline entry. */
  static IncidentSubjects fromLog(IncidentLogProjection projection, Duration catchUp) {
    Logger log = LoggerFactory.getLogger(IncidentSubjects.class);
    return (incidentId, commandEventId, awaitLog) -> {
      boolean caughtUp =
          awaitLog && projection.awaitCommandStarted(incidentId, commandEventId, catchUp);
      List<LogRecord> records;
      try {
        records = projection.records(incidentId);
      } catch (IncidentLogProjection.IncidentLogUnavailableException e) {
        // e.g. while the projection starts: a page that need not wait goes out with none known
        log.warn(
            "incident {}: its log is not readable, breach subjects unknown: {}",
            incidentId,
            e.getMessage());
        return awaitLog ? Optional.empty() : Optional.of(Set.of());
      }
      Set<String> values = new LinkedHashSet<>();
      boolean opened = false;
      for (LogRecord r : records) {
        Object event;
        try {
          event = EventCodec.shared().decode(r.value());
        } catch (RuntimeException e) {
          continue; // not a contract record: nothing to mask in it
        }
        if (event instanceof IncidentOpened o) {
          opened = true;
          collect(o.getSymptoms(), values);
        } else if (event instanceof IncidentSignalJoined j) {
          collect(j.getSymptoms(), values);
        } else if (event instanceof IncidentDetected d) {
          collect(d.getSymptoms(), values);
        }
      }
      return caughtUp || opened || !awaitLog ? Optional.of(values) : Optional.empty();
    };
  }

  /** Every subject value of the evidence, e.g. the principal's name and ARN, the access key id, the source IP. */
  static void collect(List<Evidence> evidence, Set<String> into) {
    if (evidence == null) {
      return;
    }
    for (Evidence e : evidence) {
      if (e.getSubjects() != null) {
        e.getSubjects().values().stream().filter(v -> v != null && !v.isBlank()).forEach(into::add);
      }
    }
  }
}
