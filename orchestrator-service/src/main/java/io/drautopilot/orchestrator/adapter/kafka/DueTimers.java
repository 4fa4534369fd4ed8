package io.drautopilot.orchestrator.adapter.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The incidents of one task by the time a tick next concerns them, so that a tick reads only what is
 * due. Held in memory and derived from the incident store: rebuilt from it whenever the task starts
 * (after a restart, a rebalance, or an aborted transaction, which Kafka Streams answers by restarting
 * the task), so the store stays the only source of truth.
 */
final class DueTimers {

  private record Entry(Instant at, String incidentId) {}

  private final NavigableSet<Entry> byTime =
      new TreeSet<>(Comparator.comparing(Entry::at).thenComparing(Entry::incidentId));
  private final Map<String, Instant> byIncident = new HashMap<>();

  /** @param at the incident's next timer; null: none (no tick concerns it until another input) */
  void set(String incidentId, Instant at) {
    Instant old = at == null ? byIncident.remove(incidentId) : byIncident.put(incidentId, at);
    if (old != null) {
      byTime.remove(new Entry(old, incidentId));
    }
    if (at != null) {
      byTime.add(new Entry(at, incidentId));
    }
  }

  /** The incidents whose timer is at or before {@code now}, by incident id (the store's order). */
  List<String> dueAt(Instant now) {
    List<String> due = new ArrayList<>();
    for (Entry e : byTime) {
      if (e.at().isAfter(now)) {
        break;
      }
      due.add(e.incidentId());
    }
    due.sort(Comparator.naturalOrder());
    return due;
  }

  int size() {
    return byIncident.size();
  }
}
