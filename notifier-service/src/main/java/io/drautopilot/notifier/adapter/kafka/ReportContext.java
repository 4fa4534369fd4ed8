package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.IncidentReport.Summary;
import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import io.drautopilot.notifier.domain.report.ReadinessHistory;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an incident's report shows beyond its own log: the month's availability against the SLA (every
 * incident's impact) and the readiness readiness-service last published before the incident. Only
 * incidents get them; a maintenance run (backup verification, drill) is no outage.
 */
public class ReportContext {

  private static final Logger log = LoggerFactory.getLogger(ReportContext.class);

  /** Adds nothing: the report from the incident's log alone. */
  public static final ReportContext NONE = new ReportContext(null, null);

  private final AvailabilityFromLog availability;
  private final ReadinessHistory readiness;

  public ReportContext(AvailabilityFromLog availability, ReadinessHistory readiness) {
    this.availability = availability;
    this.readiness = readiness;
  }

  public IncidentReport addTo(IncidentReport report) {
    Summary s = report.summary();
    if (report.kind() != IncidentReport.Kind.INCIDENT || s.startedAt() == null) {
      return report;
    }
    MonthlyAvailability month = null;
    if (availability != null) {
      try {
        month = availability.monthOf(s.startedAt());
      } catch (IncidentLogProjection.IncidentLogUnavailableException e) {
        log.info(
            "report of {} without the month's availability: {}",
            report.incidentId(),
            e.getMessage());
      }
    }
    Instant at = s.detectedAt() != null ? s.detectedAt() : s.startedAt();
    return report.with(month, readiness == null ? null : readiness.at(at, s.affectedResources()));
  }
}
