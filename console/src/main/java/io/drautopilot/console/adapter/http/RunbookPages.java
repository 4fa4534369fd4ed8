package io.drautopilot.console.adapter.http;

import io.drautopilot.console.adapter.file.RunbookFiles;
import io.drautopilot.console.domain.Incident;
import io.drautopilot.console.domain.IncidentBoard;
import io.drautopilot.console.domain.Runbook;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The runbooks: each drawn as its step graph with the seed's section titles, its versions (the file,
 * what the orchestrator runs now, and what each incident ran, from the timeline), and the
 * orchestrator's dry-run plan for an example incident, which sends nothing.
 */
@Controller
class RunbookPages {

  /** One version of a runbook as the record shows it. */
  record Version(int version, String source, int incidents, Instant firstUsed, Instant lastUsed) {}

  private final RunbookFiles files;
  private final OrchestratorApi api;
  private final IncidentBoard board;
  private final Clock clock;

  RunbookPages(RunbookFiles files, OrchestratorApi api, IncidentBoard board, Clock clock) {
    this.files = files;
    this.api = api;
    this.board = board;
    this.clock = clock;
  }

  @GetMapping("/runbooks")
  String runbooks(Model model, Authentication who) {
    model.addAttribute("person", Person.of(who));
    model.addAttribute("runbooks", files.all());
    model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    Map<String, Integer> running = new LinkedHashMap<>();
    inForce(model, who).forEach(r -> running.put(r.id(), r.version()));
    model.addAttribute("runningVersions", running);
    return "runbooks";
  }

  @GetMapping("/runbooks/{runbookId}")
  String runbook(
      @PathVariable String runbookId,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String region,
      @RequestParam(required = false) String tables,
      Model model,
      Authentication who) {
    RunbookFiles.Entry entry =
        files
            .byId(runbookId)
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no runbook " + runbookId));
    Person person = Person.of(who);
    Runbook runbook = entry.runbook();
    model.addAttribute("person", person);
    model.addAttribute("runbook", runbook);
    model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    model.addAttribute("graph", Drawings.graph(runbook, Map.of()));
    Optional<OrchestratorApi.RunbookInForce> running =
        inForce(model, who).stream().filter(r -> r.id().equals(runbookId)).findFirst();
    model.addAttribute("running", running.orElse(null));
    model.addAttribute("versions", versions(runbook, running.orElse(null)));
    model.addAttribute("severity", severity == null ? "P1" : severity);
    model.addAttribute("region", region == null ? "us-east-1" : region);
    model.addAttribute("tables", tables == null ? "" : tables);
    if (severity != null) {
      Map<String, Object> incident = new LinkedHashMap<>();
      incident.put("severity", severity);
      incident.put("region", region == null || region.isBlank() ? "us-east-1" : region.trim());
      List<String> affected =
          tables == null
              ? List.of()
              : Arrays.stream(tables.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
      if (!affected.isEmpty()) {
        incident.put("affectedResources", affected);
      }
      OrchestratorApi.Planned planned = api.dryRun(entry.yaml(), runbook.file(), incident, who);
      model.addAttribute("plan", planned.plan());
      model.addAttribute("planRefusal", planned.refusal());
    }
    return "runbook";
  }

  private List<OrchestratorApi.RunbookInForce> inForce(Model model, Authentication who) {
    try {
      List<OrchestratorApi.RunbookInForce> list = api.runbooks(who);
      model.addAttribute("inForce", list);
      return list;
    } catch (OrchestratorApi.Unavailable e) {
      model.addAttribute("inForce", List.of());
      model.addAttribute("orchestratorProblem", e.getMessage());
      return List.of();
    }
  }

  /** Newest first: the versions incidents ran (from their timelines), the one running now, this file's. */
  private List<Version> versions(Runbook runbook, OrchestratorApi.RunbookInForce running) {
    Map<Integer, List<Incident>> used = new TreeMap<>(Comparator.reverseOrder());
    for (Incident i : board.incidents()) {
      if (runbook.id().equals(i.runbookId()) && i.runbookVersion() != null) {
        used.computeIfAbsent(i.runbookVersion(), v -> new ArrayList<>()).add(i);
      }
    }
    used.putIfAbsent(runbook.version(), List.of());
    if (running != null) {
      used.putIfAbsent(running.version(), List.of());
    }
    List<Version> versions = new ArrayList<>();
    used.forEach(
        (v, incidents) -> {
          List<String> sources = new ArrayList<>();
          if (running != null && running.version() == v) {
            sources.add("running in the orchestrator");
          }
          if (runbook.version() == v) {
            sources.add("this file");
          }
          if (!incidents.isEmpty()) {
            sources.add("ran in incidents");
          }
          Instant first =
              incidents.stream()
                  .map(Incident::openedAt)
                  .filter(java.util.Objects::nonNull)
                  .min(Comparator.naturalOrder())
                  .orElse(null);
          Instant last =
              incidents.stream()
                  .map(Incident::openedAt)
                  .filter(java.util.Objects::nonNull)
                  .max(Comparator.naturalOrder())
                  .orElse(null);
          versions.add(new Version(v, String.join(", ", sources), incidents.size(), first, last));
        });
    return versions;
  }
}
