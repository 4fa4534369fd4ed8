package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.adapter.http.ApiModels.IncidentExample;
import io.drautopilot.orchestrator.adapter.http.ApiModels.Plan;
import io.drautopilot.orchestrator.adapter.http.ApiModels.RunbookProblem;
import io.drautopilot.orchestrator.adapter.http.ApiModels.RunbookView;
import io.drautopilot.orchestrator.adapter.http.ApiModels.ValidateRequest;
import io.drautopilot.orchestrator.config.OrchestratorProperties;
import io.drautopilot.orchestrator.engine.DryRun;
import io.drautopilot.orchestrator.engine.Inputs;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.Runbook;
import io.drautopilot.orchestrator.runbook.RunbookException;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import io.drautopilot.orchestrator.runbook.Step;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The loaded runbooks (any API role), and a dry run of a candidate runbook that emits nothing (runbook authors). */
@RestController
@RequestMapping("/api/runbooks")
@Tag(name = "runbooks")
public class RunbookController {

  private final RunbookRegistry runbooks;
  private final RunbookLoader loader;
  private final ProtectedResources resources;

  private final String roleClaim;

  public RunbookController(
      RunbookRegistry runbooks,
      RunbookLoader loader,
      ProtectedResources resources,
      OrchestratorProperties properties) {
    this.roleClaim = properties.security().roleClaim();
    this.runbooks = runbooks;
    this.loader = loader;
    this.resources = resources;
  }

  @GetMapping
  @Operation(summary = "The runbooks in force")
  public List<RunbookView> list() {
    return runbooks.all().stream()
        .map(
            r ->
                new RunbookView(
                    r.id(),
                    r.version(),
                    r.title(),
                    r.scenario(),
                    r.file(),
                    r.steps().stream().map(Step::id).toList(),
                    r.compensations().stream().map(Step::id).toList(),
                    r.vars(),
                    r.control()))
        .toList();
  }

  @PostMapping("/validate")
  @Operation(
      summary =
          "Validate a runbook and return the commands it would emit for an example incident (emits nothing); "
              + "400 with file, location and reason when invalid; needs role runbook-author",
      security = @SecurityRequirement(name = "bearer"))
  public Plan validate(@RequestBody ValidateRequest request, Authentication auth) {
    Caller caller = Caller.of(auth, roleClaim);
    if (!caller.has(ApiRoles.RUNBOOK_AUTHOR)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "validating and dry-running runbooks needs role '"
              + ApiRoles.RUNBOOK_AUTHOR
              + "'; "
              + caller.name()
              + " has "
              + (caller.roles().isEmpty() ? "none" : String.join(", ", caller.roles())));
    }
    String file = request.fileName() == null ? "request" : request.fileName();
    Runbook runbook = loader.load(file, request.yaml() == null ? "" : request.yaml());
    IncidentExample e =
        request.incident() == null
            ? new IncidentExample(null, null, null, null, null)
            : request.incident();
    String severity = e.severity() == null ? "P1" : e.severity();
    Instant detectedAt =
        e.detectedAt() == null ? Instant.parse("2024-01-15T10:40:00Z") : e.detectedAt();
    Inputs.Detection detection =
        new Inputs.Detection(
            "dry-run",
            "dry-run",
            "dry-run",
            "dry-run",
            runbook.scenario(),
            severity,
            e.region() == null ? "us-east-1" : e.region(),
            e.affectedResources() == null
                ? List.of("candlefish-employee-setup-lean-prod-entities")
                : e.affectedResources(),
            e.impactStartedAt() == null ? detectedAt.minusSeconds(300) : e.impactStartedAt(),
            detectedAt,
            "dry-run");
    Map<String, Map<String, String>> outputs =
        request.outputs() == null ? Map.of() : request.outputs();
    return new Plan(
        runbook.id(),
        runbook.version(),
        runbook.scenario(),
        DryRun.plan(runbook, detection, outputs, resources),
        runbook.control());
  }

  @ExceptionHandler(DryRun.UnknownSeverity.class)
  ResponseEntity<ProblemDetail> unknownSeverity(DryRun.UnknownSeverity e) {
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  @ExceptionHandler(RunbookException.class)
  ResponseEntity<RunbookProblem> invalid(RunbookException e) {
    return ResponseEntity.badRequest().body(new RunbookProblem(e.file(), e.location(), e.reason()));
  }
}
