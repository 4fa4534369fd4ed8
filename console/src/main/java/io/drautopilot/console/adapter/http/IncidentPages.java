package io.drautopilot.console.adapter.http;

import io.drautopilot.console.domain.Incident;
import io.drautopilot.console.domain.IncidentBoard;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
  private final Clock clock;

  IncidentPages(IncidentBoard board, LiveUpdates live, OrchestratorApi api, Clock clock) {
    this.board = board;
    this.live = live;
    this.api = api;
    this.clock = clock;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/incidents";
  }

  @GetMapping("/login")
  String login() {
    return "login";
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

  private void listModel(Model model, Authentication who) {
    model.addAttribute("incidents", board.incidents());
    model.addAttribute("now", clock.instant());
    model.addAttribute("person", Person.of(who));
  }

  private void incidentModel(String incidentId, Model model, Authentication who) {
    Incident incident = board.incident(incidentId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + incidentId + " in the timeline"));
    model.addAttribute("incident", incident);
    model.addAttribute("now", clock.instant());
    model.addAttribute("person", Person.of(who));
    model.addAttribute("canDecide", api.canDecide());
  }
}
