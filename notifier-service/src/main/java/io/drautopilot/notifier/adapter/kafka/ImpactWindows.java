package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every incident's impact window from the timeline's records (IncidentOpened, IncidentResolved,
 * IncidentClosed), in any order: impact start to its recovery, or to its closing when the recovery
 * failed; no end while open; maintenance runs left out; an incident whose opening was not given is
 * left out. The notifier's projection and drctl's report read it the same way.
 */
public final class ImpactWindows {

  /** Maintenance runs (the monthly backup verification, the quarterly drill) are no outage. */
  private static final Set<Scenario> MAINTENANCE =
      EnumSet.of(Scenario.BACKUP_VERIFICATION, Scenario.DR_DRILL);

  /** RECOVERED or RECOVERED_WITH_FAILURES: the service is back. */
  private static final String RECOVERED = "RECOVERED";

  private final Map<String, Instant> starts = new LinkedHashMap<>();
  private final Map<String, Instant> recovered = new HashMap<>();
  private final Map<String, Instant> closed = new HashMap<>();

  /** Takes a decoded timeline record; any other record is ignored. */
  public ImpactWindows add(Object timelineRecord) {
    if (timelineRecord instanceof IncidentOpened o && !MAINTENANCE.contains(o.getScenario())) {
      starts.put(o.getMetadata().getIncidentId(), o.getImpactStartedAt());
    } else if (timelineRecord instanceof IncidentResolved r
        && r.getOutcome().startsWith(RECOVERED)) {
      recovered.put(r.getMetadata().getIncidentId(), r.getResolvedAt());
    } else if (timelineRecord instanceof IncidentClosed c) {
      closed.put(c.getMetadata().getIncidentId(), c.getMetadata().getOccurredAt());
    }
    return this;
  }

  public List<MonthlyAvailability.ImpactWindow> windows() {
    List<MonthlyAvailability.ImpactWindow> windows = new ArrayList<>();
    // a failed recovery did not end the impact: it lasts until people close the incident
    starts.forEach(
        (id, start) ->
            windows.add(
                new MonthlyAvailability.ImpactWindow(
                    id, start, recovered.getOrDefault(id, closed.get(id)))));
    return List.copyOf(windows);
  }
}
