package io.drautopilot.drctl.commands;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.KafkaLog;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.adapter.kafka.AvailabilityFromLog;
import io.drautopilot.notifier.adapter.kafka.ImpactWindows;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import io.drautopilot.notifier.adapter.kafka.ReadinessAssessmentsListener;
import io.drautopilot.notifier.adapter.kafka.ReportContext;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import io.drautopilot.notifier.domain.report.ReadinessHistory;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "The post-incident report, rebuilt with the notifier's own report code.",
    description = {
      "The post-incident report, rebuilt from the incident's records on the topics (or its archive) with the",
      "notifier's own report code: the same Markdown or HTML the notifier writes, its Audit Trail included,",
      "and from the topics or a kept drill the month's availability and the readiness at the time as well."
    },
    footer = {
      "",
      "The Audit Trail checks the signature only with --public-key (or config public-keys=).",
      "",
      "Example:",
      "  drctl report 7f3c2a9e-... --public-key chain-signing.pub.pem > report.md",
      "  drctl report 7f3c2a9e-... --from s3://dr-audit/incidents --format html --out report.html"
    })
public class ReportCommand extends ForensicCommand {

  enum ReportFormat {
    md,
    html
  }

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description =
          "Read the incident's archive, or a kept drill's directory (./drill --keep DIR), instead of Kafka")
  String from;

  @Option(
      names = "--format",
      paramLabel = "md|html",
      defaultValue = "md",
      description = "md (default) or html")
  ReportFormat format = ReportFormat.md;

  @Option(
      names = "--availability-target",
      paramLabel = "PERCENT",
      defaultValue = "99.99",
      description =
          "The monthly availability SLA the report's month is judged against (the notifier's"
              + " dr.notifier.report.availability-target; default 99.99)")
  double availabilityTarget = 99.99;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output")
  Path outFile;

  @Override
  public Integer call() {
    // from the topics or a kept drill, one read for the incident's records and for what the report
    // takes from every incident's; an archive holds the incident's only
    boolean archive = from != null && !keptDrill(from);
    List<KafkaLog.Entry> log =
        archive
            ? List.of()
            : everyIncidents(
                from,
                java.util.stream.Stream.concat(
                        IncidentRecords.TOPICS.stream(), CONTEXT_TOPICS.stream())
                    .distinct()
                    .toList());
    List<IncidentRecords.Rec> incident =
        archive
            ? records(from, IncidentRecords.TOPICS)
            : IncidentRecords.fromEntries(on(log, IncidentRecords.TOPICS), incidentId, this::note);
    List<LogRecord> records = incident.stream().map(IncidentRecords.Rec::logRecord).toList();
    List<LogRecord> decodable = records.stream().filter(r -> decodes(r.value())).toList();
    if (decodable.size() < records.size()) {
      note(
          (records.size() - decodable.size())
              + " record(s) of incident "
              + incidentId
              + " do not decode and are left out"
              + " of the report (drctl verify names the first)");
    }
    if (IncidentLogReports.events(decodable).isEmpty()) {
      throw DrctlException.usage("no records of incident " + incidentId + " in " + source(from));
    }
    IncidentReport report =
        context(archive, on(log, CONTEXT_TOPICS))
            .addTo(
                IncidentLogReports.renderLog(
                    decodable, ReportTargets.RUNBOOK, TimelineAudit.withKeys(keys())));
    String text =
        format == ReportFormat.html
            ? IncidentLogReports.html(report)
            : IncidentLogReports.markdown(report);
    if (outFile == null) {
      out().text(text);
      return DrctlException.OK;
    }
    try {
      Files.writeString(outFile, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw DrctlException.usage("cannot write the report to " + outFile + ": " + e.getMessage());
    }
    note("wrote the " + format + " report of incident " + incidentId + " to " + outFile);
    return DrctlException.OK;
  }

  /** What the report takes from every incident's records, not only this one's. */
  private static final List<String> CONTEXT_TOPICS =
      List.of(Topics.INCIDENT_TIMELINE, Topics.READINESS_ASSESSMENTS);

  private static List<KafkaLog.Entry> on(List<KafkaLog.Entry> log, List<String> topics) {
    return log.stream().filter(e -> topics.contains(e.topic())).toList();
  }

  /**
   * What the notifier's report step adds to an incident's report, from the same topics: the month's availability
   * against {@code --availability-target} from every incident's impact window on the timeline (up to now), and the
   * readiness readiness-service last published before the detection. An archive holds one incident: none of it, as
   * the report the notifier archives.
   */
  private ReportContext context(boolean archive, List<KafkaLog.Entry> entries) {
    if (archive) {
      note(
          "from an archive: no monthly availability or readiness at the time (it holds this incident only)");
      return ReportContext.NONE;
    }
    if (entries.isEmpty()) {
      return ReportContext.NONE;
    }
    ImpactWindows windows = new ImpactWindows();
    ReadinessHistory readiness = new ReadinessHistory(Integer.MAX_VALUE);
    for (KafkaLog.Entry e : entries) {
      Object decoded;
      try {
        decoded = IncidentRecords.decode(e.value());
      } catch (RuntimeException undecodable) {
        continue; // the incident's own undecodable records are counted above
      }
      if (decoded instanceof ReadinessAssessed assessed) {
        readiness.record(ReadinessAssessmentsListener.assessment(assessed));
      } else {
        windows.add(decoded);
      }
    }
    List<MonthlyAvailability.ImpactWindow> impact = windows.windows();
    return new ReportContext(
        new AvailabilityFromLog(() -> impact, availabilityTarget, Clock.systemUTC()), readiness);
  }

  private static boolean decodes(byte[] value) {
    try {
      IncidentRecords.decode(value);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
