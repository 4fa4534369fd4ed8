package io.drautopilot.console.adapter.http;

import io.drautopilot.console.adapter.audit.TimelineChains;
import io.drautopilot.console.adapter.file.RunbookFiles;
import io.drautopilot.console.domain.Incident;
import io.drautopilot.console.domain.IncidentBoard;
import io.drautopilot.console.domain.Runbook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The read-only pages, rendered on the server so they work without JavaScript; with it, a page
 * listens to its event stream and fetches its live part again when told it changed.
 */
@Controller
class IncidentPages {

  private final IncidentBoard board;
  private final LiveUpdates live;
  private final OrchestratorApi api;
  private final RunbookFiles runbooks;
  private final TimelineChains chains;
  private final NotifierReports reports;
  private final Clock clock;

  IncidentPages(
      IncidentBoard board,
      LiveUpdates live,
      OrchestratorApi api,
      RunbookFiles runbooks,
      TimelineChains chains,
      NotifierReports reports,
      Clock clock) {
    this.board = board;
    this.live = live;
    this.api = api;
    this.runbooks = runbooks;
    this.chains = chains;
    this.reports = reports;
    this.clock = clock;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/incidents";
  }

  @GetMapping("/incidents")
  String incidents(Model model, Authentication who) {
    listModel(model, who);
    return "incidents";
  }

  @GetMapping("/incidents/rows")
  String incidentRows(Model model, Authentication who) {
    listModel(model, who);
    return "incidents :: rows";
  }

  @GetMapping(path = "/incidents/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter incidentsStream() {
    return live.subscribe(null);
  }

  @GetMapping("/incidents/{incidentId}")
  String incident(@PathVariable String incidentId, Model model, Authentication who) {
    incidentModel(incidentId, model, who);
    return "incident";
  }

  @GetMapping("/incidents/{incidentId}/live")
  String incidentLive(@PathVariable String incidentId, Model model, Authentication who) {
    incidentModel(incidentId, model, who);
    return "incident :: live";
  }

  @GetMapping(path = "/incidents/{incidentId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter incidentStream(@PathVariable String incidentId) {
    return live.subscribe(incidentId);
  }

  /** The notifier's HTML report, shown in a sandboxed frame on the incident page: no script of it runs. */
  @GetMapping(path = "/incidents/{incidentId}/report.html", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> reportHtml(@PathVariable String incidentId) {
    String html = generatedReport(incidentId, "html");
    return ResponseEntity.ok()
        .header(
            "Content-Security-Policy",
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
        .header("X-Frame-Options", "SAMEORIGIN")
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(html);
  }

  /** The Markdown report, to download. */
  @GetMapping(path = "/incidents/{incidentId}/report.md")
  ResponseEntity<String> reportMarkdown(@PathVariable String incidentId) {
    String markdown = generatedReport(incidentId, "md");
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(
                    "incident-" + incidentId.replaceAll("[^A-Za-z0-9._-]", "_") + "-report.md")
                .build()
                .toString())
        .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
        .body(markdown);
  }

  private String generatedReport(String incidentId, String format) {
    Incident incident =
        board
            .incident(incidentId)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no incident " + incidentId + " in the timeline"));
    if (incident.report() == null) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "the notifier has not generated the report of " + incidentId + " yet");
    }
    return reports
        .report(incidentId, format)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.BAD_GATEWAY,
                    "the notifier did not give the report of "
                        + incidentId
                        + "; try again shortly"));
  }

  private void listModel(Model model, Authentication who) {
    model.addAttribute("incidents", board.incidents());
    model.addAttribute("now", clock.instant());
    model.addAttribute("person", Person.of(who));
  }

  private void incidentModel(String incidentId, Model model, Authentication who) {
    Incident incident =
        board
            .incident(incidentId)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no incident " + incidentId + " in the timeline"));
    model.addAttribute("incident", incident);
    model.addAttribute("now", clock.instant());
    model.addAttribute("person", Person.of(who));
    model.addAttribute("canDecide", api.canDecide());
    Instant now = clock.instant();
    Optional<Runbook> runbook =
        incident.runbookId() == null
            ? Optional.empty()
            : runbooks.byId(incident.runbookId()).map(RunbookFiles.Entry::runbook);
    model.addAttribute("runbook", runbook.orElse(null));
    model.addAttribute(
        "graph",
        runbook
            .map(r -> Drawings.graph(r, Drawings.states(r, incident)))
            .orElseGet(() -> Drawings.graph(incident)));
    model.addAttribute("gantt", Drawings.gantt(incident, now).orElse(null));
    model.addAttribute("chain", chains.check(incidentId).orElse(null));
  }
}
