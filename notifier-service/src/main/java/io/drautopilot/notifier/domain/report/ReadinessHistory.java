package io.drautopilot.notifier.domain.report;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The readiness assessments seen, per scope, newest last, so a report shows the readiness at the time of
 * its incident and not whatever was published since. Bounded per scope: the oldest go first (the topic is
 * compacted anyway, so after a restart only each scope's latest is read back).
 */
public class ReadinessHistory {

  private final int perScope;
  private final Map<String, Deque<ReadinessAtIncident.Assessment>> byScope = new LinkedHashMap<>();

  public ReadinessHistory(int perScope) {
    if (perScope < 1) {
      throw new IllegalArgumentException("keep at least one assessment per scope");
    }
    this.perScope = perScope;
  }

  public synchronized void record(ReadinessAtIncident.Assessment a) {
    Deque<ReadinessAtIncident.Assessment> q =
        byScope.computeIfAbsent(a.scope(), s -> new ArrayDeque<>());
    // a redelivered or replayed assessment is not kept twice; an older one read late is placed in
    // order
    if (q.stream().anyMatch(x -> x.assessedAt().equals(a.assessedAt()))) {
      return;
    }
    List<ReadinessAtIncident.Assessment> all = new ArrayList<>(q);
    all.add(a);
    all.sort(java.util.Comparator.comparing(ReadinessAtIncident.Assessment::assessedAt));
    q.clear();
    q.addAll(all.subList(Math.max(0, all.size() - perScope), all.size()));
  }

  /** The scope's newest assessment made at or before {@code at}. */
  public synchronized Optional<ReadinessAtIncident.Assessment> latestAtOrBefore(
      String scope, Instant at) {
    Deque<ReadinessAtIncident.Assessment> q = byScope.get(scope);
    if (q == null) {
      return Optional.empty();
    }
    ReadinessAtIncident.Assessment found = null;
    for (ReadinessAtIncident.Assessment a : q) {
      if (!a.assessedAt().isAfter(at)) {
        found = a;
      }
    }
    return Optional.ofNullable(found);
  }

  /** OVERALL and each of the tables, as they stood at {@code at}; scopes never assessed by then are left out. */
  public ReadinessAtIncident at(Instant at, List<String> tables) {
    List<ReadinessAtIncident.Assessment> found = new ArrayList<>();
    latestAtOrBefore(OVERALL, at).ifPresent(found::add);
    tables.stream().distinct().forEach(t -> latestAtOrBefore(t, at).ifPresent(found::add));
    return new ReadinessAtIncident(at, List.copyOf(found));
  }

  public static final String OVERALL = "OVERALL";
}
