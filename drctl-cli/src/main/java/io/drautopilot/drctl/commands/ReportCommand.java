package io.drautopilot.drctl.commands;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "The post-incident report, rebuilt with the notifier's own report code.",
    description = {
      "The post-incident report, rebuilt from the incident's records on the topics (or its archive) with the",
      "notifier's own report code: the same Markdown or HTML the notifier writes, its Audit Trail included."
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
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output")
  Path outFile;

  @Override
  public Integer call() {
    List<LogRecord> records =
        records(from, IncidentRecords.TOPICS).stream().map(IncidentRecords.Rec::logRecord).toList();
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
        IncidentLogReports.renderLog(
            decodable, ReportTargets.RUNBOOK, TimelineAudit.withKeys(keys()));
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

  private static boolean decodes(byte[] value) {
    try {
      IncidentRecords.decode(value);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
