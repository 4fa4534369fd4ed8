package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.domain.report.HtmlReportWriter;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.IncidentReports;
import io.drautopilot.notifier.domain.report.MarkdownReportWriter;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;

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

  /**
   * The report of the incident these records belong to (timeline, commands, results, deliveries); the
   * timeline's chain links are checked, its signature not (no public key given).
   */
  public static IncidentReport render(List<?> avroEvents) {
    return render(avroEvents, ReportTargets.RUNBOOK);
  }

  public static IncidentReport render(List<?> avroEvents, ReportTargets targets) {
    return render(avroEvents, targets, TimelineAudit.withoutKeys());
  }

  /**
   * With the timeline verified by {@code audit}. The timeline records are encoded again with their own
   * schema, which is exact for records built or decoded with the schema they were written with; for
   * the log as written, prefer {@link #renderLog}.
   */
  public static IncidentReport render(
      List<?> avroEvents, ReportTargets targets, TimelineAudit audit) {
    List<byte[]> timeline =
        avroEvents.stream()
            .filter(TimelineAudit::isTimeline)
            .map(r -> EventCodec.shared().encode((IndexedRecord) r))
            .toList();
    return IncidentReports.render(toDomain(avroEvents), targets, audit.check(timeline));
  }

  /** Records as Kafka stores them (Avro single-object encoding), decoded with every released schema. */
  public static IncidentReport renderEncoded(List<byte[]> values) {
    return renderEncoded(values, ReportTargets.RUNBOOK, TimelineAudit.withoutKeys());
  }

  public static IncidentReport renderEncoded(
      List<byte[]> values, ReportTargets targets, TimelineAudit audit) {
    List<Object> decoded = values.stream().map(v -> EventCodec.shared().decode(v)).toList();
    List<byte[]> timeline = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (TimelineAudit.isTimeline(decoded.get(i))) {
        timeline.add(values.get(i));
      }
    }
    return IncidentReports.render(toDomain(decoded), targets, audit.check(timeline));
  }

  /**
   * One incident's log as kept (the projection's store, or an archive read back): each topic's records
   * in log order, the timeline verified from its values as written, each event id once.
   */
  public static IncidentReport renderLog(
      List<LogRecord> records, ReportTargets targets, TimelineAudit audit) {
    List<byte[]> timeline =
        records.stream()
            .filter(r -> r.topic().equals(Topics.INCIDENT_TIMELINE))
            .map(LogRecord::value)
            .toList();
    return IncidentReports.render(events(records), targets, audit.check(timeline));
  }

  /** The report's events in the records, each event id once (a redelivered result carries its first id again). */
  public static List<Object> events(List<LogRecord> records) {
    Map<String, Object> byId = new LinkedHashMap<>();
    for (LogRecord record : records) {
      AvroIncidentEvents.map(EventCodec.shared().decode(record.value()))
          .ifPresent(e -> byId.putIfAbsent(IncidentReports.meta(e).getEventId(), e));
    }
    return List.copyOf(byId.values());
  }

  /** One report per incident found in a mixed log (e.g. a whole topic dump), in order of first appearance. */
  public static Map<String, IncidentReport> renderAll(List<?> avroEvents, ReportTargets targets) {
    Map<String, List<Object>> byIncident =
        toDomain(avroEvents).stream()
            .collect(
                Collectors.groupingBy(
                    e -> IncidentReports.meta(e).getIncidentId(),
                    LinkedHashMap::new,
                    Collectors.toList()));
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

  static List<Object> toDomain(List<?> avroEvents) {
    return avroEvents.stream().map(AvroIncidentEvents::map).flatMap(Optional::stream).toList();
  }
}
