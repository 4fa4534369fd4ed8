package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.aws.ActionRefused;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.notify.GenerateIncidentReportCommand;
import io.drautopilot.contracts.notify.IncidentReportGenerated;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.adapter.file.ReportDirectory;
import io.drautopilot.notifier.domain.report.CommandIssued;
import io.drautopilot.notifier.domain.report.HtmlReportWriter;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.MarkdownReportWriter;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GenerateIncidentReportCommand: render the incident's report from the projected log and write it in
 * the requested formats. Rewriting is harmless, so a redelivered command simply writes it again.
 * {@code location} is the Markdown file (or the first format written). Refusals (log not ready yet,
 * nothing read yet, an unknown format) are thrown with their codes; the dispatcher builds the result.
 */
public class GenerateIncidentReportHandler
    implements CommandHandler<GenerateIncidentReportCommand> {

  private static final Logger log = LoggerFactory.getLogger(GenerateIncidentReportHandler.class);

  private final IncidentLogProjection projection;
  private final ReportDirectory directory;
  private final ReportTargets targets;
  private final Duration catchUpTimeout;
  private final String mermaidScriptUrl;
  private final TimelineAudit audit;
  private final ReportContext context;

  public GenerateIncidentReportHandler(
      IncidentLogProjection projection,
      ReportDirectory directory,
      ReportTargets targets,
      Duration catchUpTimeout,
      String mermaidScriptUrl,
      TimelineAudit audit) {
    this(
        projection,
        directory,
        targets,
        catchUpTimeout,
        mermaidScriptUrl,
        audit,
        ReportContext.NONE);
  }

  /** @param context the month's availability and the readiness at the time, added to an incident's report */
  public GenerateIncidentReportHandler(
      IncidentLogProjection projection,
      ReportDirectory directory,
      ReportTargets targets,
      Duration catchUpTimeout,
      String mermaidScriptUrl,
      TimelineAudit audit,
      ReportContext context) {
    this.context = context;
    this.audit = audit;
    this.projection = projection;
    this.directory = directory;
    this.targets = targets;
    this.catchUpTimeout = catchUpTimeout;
    this.mermaidScriptUrl = mermaidScriptUrl;
  }

  @Override
  public Class<GenerateIncidentReportCommand> commandType() {
    return GenerateIncidentReportCommand.class;
  }

  @Override
  public IncidentReportGenerated handle(
      GenerateIncidentReportCommand command, CommandContext context) throws Exception {
    EventMetadata cmd = command.getMetadata();
    String incidentId = cmd.getIncidentId();
    if (!projection.awaitCommandStarted(incidentId, cmd.getEventId(), catchUpTimeout)) {
      log.info(
          "no StepStarted for report command {} within {}: rendering incident {} from what has been read",
          cmd.getEventId(),
          catchUpTimeout,
          incidentId);
    }
    List<LogRecord> records;
    try {
      records = projection.records(incidentId);
    } catch (IncidentLogProjection.IncidentLogUnavailableException e) {
      throw new ActionRefused("IncidentLogNotReady", e.getMessage(), true);
    }
    // the report commands themselves are on a projected topic; they alone are no history
    List<Object> events = IncidentLogReports.events(records);
    if (events.stream()
        .allMatch(
            e ->
                e instanceof CommandIssued c
                    && c.type().equals(GenerateIncidentReportCommand.class.getSimpleName()))) {
      throw new ActionRefused(
          "NoEventsForIncident",
          "no events of incident " + incidentId + " have been read from the log yet",
          true);
    }
    IncidentReport report =
        this.context.addTo(IncidentLogReports.renderLog(records, targets, audit));
    List<Path> written = new ArrayList<>();
    for (String format :
        command.getFormats().isEmpty() ? List.of("markdown", "html") : command.getFormats()) {
      switch (format.toLowerCase(Locale.ROOT)) {
        case "markdown", "md" ->
            written.add(directory.write(incidentId, "md", MarkdownReportWriter.write(report)));
        case "html" ->
            written.add(
                directory.write(
                    incidentId, "html", HtmlReportWriter.write(report, mermaidScriptUrl)));
        default ->
            throw new ActionRefused(
                "UnsupportedFormat",
                "report format '" + format + "' is not one of markdown, md, html",
                false);
      }
    }
    IncidentReport.Impact impact = report.impact();
    return IncidentReportGenerated.newBuilder()
        .setLocation(written.get(0).toString())
        .setMeasuredRtoSeconds(impact.rtoSeconds())
        .setMeasuredRpoSeconds(impact.rpoSeconds())
        .setRtoTargetMet(impact.rtoMet())
        .setRpoTargetMet(impact.rpoMet())
        .build();
  }
}
