package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.notifier.domain.report.HtmlReportWriter;
import io.drautopilot.notifier.domain.report.IncidentEvent;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.IncidentReports;
import io.drautopilot.notifier.domain.report.MarkdownReportWriter;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The post-incident report from a kept log, with no broker, service or configuration: the entry
 * point for offline forensics, and the same code the notifier runs when asked for a report.
 *
 * <pre>{@code
 * IncidentReport report = IncidentLogReports.render(records);   // Avro records of one incident, any order
 * Files.writeString(dir.resolve("report.md"), IncidentLogReports.markdown(report));
 * }</pre>
 */
public final class IncidentLogReports {

  private IncidentLogReports() {}

  /** The report of the incident these records belong to (timeline, commands, results, deliveries). */
  public static IncidentReport render(List<?> avroEvents) {
    return render(avroEvents, ReportTargets.RUNBOOK);
  }

  public static IncidentReport render(List<?> avroEvents, ReportTargets targets) {
    return IncidentReports.render(toDomain(avroEvents), targets);
  }

  /** Records as Kafka stores them (Avro single-object encoding), decoded with every released schema. */
  public static IncidentReport renderEncoded(List<byte[]> values) {
    return render(values.stream().map(v -> EventCodec.shared().decode(v)).toList());
  }

  /** One report per incident found in a mixed log (e.g. a whole topic dump), in order of first appearance. */
  public static Map<String, IncidentReport> renderAll(List<?> avroEvents, ReportTargets targets) {
    Map<String, List<IncidentEvent>> byIncident = toDomain(avroEvents).stream()
        .collect(Collectors.groupingBy(e -> e.meta().incidentId(), LinkedHashMap::new, Collectors.toList()));
    Map<String, IncidentReport> reports = new LinkedHashMap<>();
    byIncident.forEach((id, events) -> reports.put(id, IncidentReports.render(events, targets)));
    return reports;
  }

  public static String markdown(IncidentReport report) {
    return MarkdownReportWriter.write(report);
  }

  public static String html(IncidentReport report) {
    return HtmlReportWriter.write(report, "");
  }

  static List<IncidentEvent> toDomain(List<?> avroEvents) {
    return avroEvents.stream().map(AvroIncidentEvents::map).flatMap(Optional::stream).toList();
  }
}
