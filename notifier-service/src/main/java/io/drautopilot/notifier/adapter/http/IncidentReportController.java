package io.drautopilot.notifier.adapter.http;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.adapter.kafka.IncidentLogProjection;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import io.drautopilot.notifier.adapter.kafka.ReportContext;
import io.drautopilot.notifier.domain.report.HtmlReportWriter;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.MarkdownReportWriter;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The current report of an incident, rendered from the log on each request:
 * {@code GET /incidents/{id}/report?format=md|html} (or {@code Accept: text/html}),
 * {@code /incidents/{id}/report.md}, {@code /incidents/{id}/report.html}.
 */
@RestController
public class IncidentReportController {

  static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");
  static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

  private final IncidentLogProjection projection;
  private final ReportTargets targets;
  private final String mermaidScriptUrl;
  private final TimelineAudit audit;
  private final ReportContext context;

  public IncidentReportController(
      IncidentLogProjection projection,
      ReportTargets targets,
      String mermaidScriptUrl,
      TimelineAudit audit,
      ReportContext context) {
    this.context = context;
    this.audit = audit;
    this.projection = projection;
    this.targets = targets;
    this.mermaidScriptUrl = mermaidScriptUrl;
  }

  @GetMapping("/incidents/{id}/report")
  public ResponseEntity<String> report(
      @PathVariable("id") String id,
      @RequestParam(name = "format", required = false) String format,
      @RequestHeader(name = "Accept", required = false) String accept) {
    boolean html =
        format != null
            ? format.toLowerCase(Locale.ROOT).equals("html")
            : accept != null && accept.contains("text/html");
    if (format != null
        && !List.of("md", "markdown", "html").contains(format.toLowerCase(Locale.ROOT))) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body("format is md or html\n");
    }
    return render(id, html);
  }

  @GetMapping("/incidents/{id}/report.md")
  public ResponseEntity<String> markdown(@PathVariable("id") String id) {
    return render(id, false);
  }

  @GetMapping("/incidents/{id}/report.html")
  public ResponseEntity<String> html(@PathVariable("id") String id) {
    return render(id, true);
  }

  private ResponseEntity<String> render(String id, boolean html) {
    List<LogRecord> records;
    try {
      records = projection.records(id);
    } catch (IncidentLogProjection.IncidentLogUnavailableException e) {
      return ResponseEntity.status(503)
          .header("Retry-After", "5")
          .contentType(MediaType.TEXT_PLAIN)
          .body(e.getMessage() + "\n");
    }
    if (IncidentLogReports.events(records).isEmpty()) {
      return ResponseEntity.status(404)
          .contentType(MediaType.TEXT_PLAIN)
          .body("no events of incident " + id + "\n");
    }
    IncidentReport report = context.addTo(IncidentLogReports.renderLog(records, targets, audit));
    return html
        ? ResponseEntity.ok()
            .contentType(HTML)
            .body(HtmlReportWriter.write(report, mermaidScriptUrl))
        : ResponseEntity.ok().contentType(MARKDOWN).body(MarkdownReportWriter.write(report));
  }
}
