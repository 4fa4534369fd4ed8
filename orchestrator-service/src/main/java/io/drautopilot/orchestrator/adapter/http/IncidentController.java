package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.operator.AcknowledgementSubmitted;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.CancellationRequested;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.adapter.http.ApiModels.Accepted;
import io.drautopilot.orchestrator.adapter.http.ApiModels.AcknowledgeRequest;
import io.drautopilot.orchestrator.adapter.http.ApiModels.ApprovalRequest;
import io.drautopilot.orchestrator.adapter.http.ApiModels.CancelRequest;
import io.drautopilot.orchestrator.adapter.http.ApiModels.IncidentDetail;
import io.drautopilot.orchestrator.adapter.http.ApiModels.IncidentSummary;
import io.drautopilot.orchestrator.config.OrchestratorProperties;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.IncidentState.StepStatus;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import io.drautopilot.orchestrator.runbook.Step;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Incidents as the orchestrator holds them, and what people may do about them. Decisions are not
 * applied here: they are written to dr.operator.actions with the caller's identity and the engine
 * applies them in order with everything else. Every caller holds one of {@link ApiRoles} (checked
 * before a request gets here); a breach incident's subjects are shown to security officers only,
 * and each such reading is recorded ({@link SubjectViewLog}).
 */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "incidents")
public class IncidentController {

  private final IncidentQueries queries;
  private final RunbookRegistry runbooks;
  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final OrchestratorProperties.Security security;
  private final IncidentRouting routing;
  private final SubjectViewLog views;

  public IncidentController(
      IncidentQueries queries,
      RunbookRegistry runbooks,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      OrchestratorProperties properties,
      ObjectProvider<IncidentRouting> routing,
      SubjectViewLog views) {
    this.queries = queries;
    this.views = views;
    this.routing = routing.getIfAvailable();
    this.runbooks = runbooks;
    this.publisher = publisher;
    this.metadata = metadata;
    this.security = properties.security();
  }

  @GetMapping
  @Operation(
      summary = "List incidents, optionally filtered by open/closed, scenario and severity",
      security = @SecurityRequirement(name = "bearer"))
  public List<IncidentSummary> list(
      @RequestParam(required = false) Boolean open,
      @RequestParam(required = false) String scenario,
      @RequestParam(required = false) String severity,
      HttpServletRequest request,
      Authentication auth) {
    Caller caller = caller(auth);
    List<IncidentSummary> all =
        new ArrayList<>(
            queries.all().stream()
                .filter(s -> open == null || s.isOpen() == open)
                .filter(s -> scenario == null || scenario.equalsIgnoreCase(s.scenario))
                .filter(s -> severity == null || severity.equalsIgnoreCase(s.severity))
                .map(s -> IncidentSummary.of(s, BreachSubjects.of(s, caller)))
                .toList());
    if (routing != null) {
      all.addAll(routing.fromOtherInstances(request));
    }
    all.sort(
        Comparator.comparing(
            IncidentSummary::openedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    return all;
  }

  @GetMapping("/{incidentId}")
  @Operation(
      summary =
          "One incident with the state of each step; breach subjects redacted unless the caller is a "
              + "security officer, whose reading is recorded on the incident's timeline",
      security = @SecurityRequirement(name = "bearer"))
  public IncidentDetail get(
      @PathVariable String incidentId, Authentication auth, HttpServletRequest request) {
    IncidentState s = incident(incidentId);
    return IncidentDetail.of(s, shown(s, caller(auth), request));
  }

  @GetMapping("/{incidentId}/timeline")
  @Operation(
      summary =
          "The incident's timeline (the events it wrote to dr.incidents.timeline); breach subjects as for the incident",
      security = @SecurityRequirement(name = "bearer"))
  public List<IncidentState.Note> timeline(
      @PathVariable String incidentId, Authentication auth, HttpServletRequest request) {
    IncidentState s = incident(incidentId);
    return ApiModels.timeline(s, shown(s, caller(auth), request));
  }

  /** The subjects as this caller may see them; an unredacted reading is recorded before it is answered. */
  private BreachSubjects shown(IncidentState s, Caller caller, HttpServletRequest request) {
    BreachSubjects subjects = BreachSubjects.of(s, caller);
    if (subjects.shownUnredacted()) {
      try {
        views.record(s, caller, subjects.names(), request.getRequestURI());
      } catch (RuntimeException e) {
        throw new ResponseStatusException(
            HttpStatus.SERVICE_UNAVAILABLE,
            "incident "
                + s.incidentId
                + "'s breach subjects "
                + "are shown only once the reading is recorded, and it could not be ("
                + e.getMessage()
                + "); retry",
            e);
      }
    }
    return subjects;
  }

  @PostMapping("/{incidentId}/steps/{stepId}/approve")
  @Operation(
      summary = "Approve a step waiting at its approval gate",
      security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> approve(
      @PathVariable String incidentId,
      @PathVariable String stepId,
      @RequestBody(required = false) ApprovalRequest body,
      Authentication auth) {
    return decide(
        incidentId,
        stepId,
        ApprovalDecision.APPROVE,
        body == null ? null : body.comment(),
        caller(auth));
  }

  @PostMapping("/{incidentId}/steps/{stepId}/reject")
  @Operation(
      summary = "Reject a step waiting at its approval gate",
      security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> reject(
      @PathVariable String incidentId,
      @PathVariable String stepId,
      @RequestBody(required = false) ApprovalRequest body,
      Authentication auth) {
    return decide(
        incidentId,
        stepId,
        ApprovalDecision.REJECT,
        body == null ? null : body.comment(),
        caller(auth));
  }

  private ResponseEntity<Accepted> decide(
      String incidentId, String stepId, ApprovalDecision decision, String comment, Caller caller) {
    IncidentState s = incident(incidentId);
    IncidentState.StepState st = s.steps.get(stepId);
    // A per-table step's copy (cut-over-events) has the gate of the step it copies (cut-over).
    Step step =
        runbooks
            .byId(String.valueOf(s.runbookId))
            .flatMap(
                r ->
                    r.step(stepId)
                        .or(
                            () ->
                                r.steps().stream()
                                    .filter(x -> x.forEach() && stepId.startsWith(x.id() + "-"))
                                    .findFirst()))
            .orElse(null);
    if (st == null || step == null) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "incident " + incidentId + " has no step '" + stepId + "'");
    }
    if (st.status != StepStatus.AWAITING_APPROVAL) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "step '" + stepId + "' is not awaiting approval (it is " + st.status + ")");
    }
    List<String> roles = caller.roles();
    if (!roles.contains(step.approval().role())) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "approving step '"
              + stepId
              + "' needs role '"
              + step.approval().role()
              + "'; "
              + caller.name()
              + " has "
              + (roles.isEmpty() ? "none" : String.join(", ", roles)));
    }
    String who = caller.name();
    if (decision == ApprovalDecision.APPROVE && st.approvers.contains(who)) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          who + " has already approved step '" + stepId + "'; another person must");
    }
    return accepted(
        s,
        ApprovalSubmitted.newBuilder()
            .setMetadata(meta(s))
            .setStepId(stepId)
            .setApprover(who)
            .setRoles(roles)
            .setDecision(decision)
            .setComment(comment)
            .build());
  }

  @PostMapping("/{incidentId}/acknowledge")
  @Operation(
      summary = "Acknowledge the incident (stops escalation)",
      security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> acknowledge(
      @PathVariable String incidentId,
      @RequestBody(required = false) AcknowledgeRequest body,
      Authentication auth) {
    Caller caller = caller(auth);
    IncidentState s = openIncident(incidentId, caller);
    if (s.acknowledged) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "incident " + incidentId + " was already acknowledged by " + s.acknowledgedBy);
    }
    return accepted(
        s,
        AcknowledgementSubmitted.newBuilder()
            .setMetadata(meta(s))
            .setAcknowledgedBy(caller.name())
            .setNote(body == null ? null : body.note())
            .build());
  }

  @PostMapping("/{incidentId}/cancel")
  @Operation(
      summary = "Cancel the run: remaining steps are skipped and the incident closed",
      security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> cancel(
      @PathVariable String incidentId,
      @RequestBody(required = false) CancelRequest body,
      Authentication auth) {
    Caller caller = caller(auth);
    IncidentState s = openIncident(incidentId, caller);
    String reason =
        body == null || body.reason() == null || body.reason().isBlank()
            ? "cancelled by operator"
            : body.reason();
    return accepted(
        s,
        CancellationRequested.newBuilder()
            .setMetadata(meta(s))
            .setRequestedBy(caller.name())
            .setReason(reason)
            .build());
  }

  private IncidentState openIncident(String incidentId, Caller caller) {
    IncidentState s = incident(incidentId);
    if (!caller.has(security.responderRole())) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "this needs role '"
              + security.responderRole()
              + "'; "
              + caller.name()
              + " has "
              + (caller.roles().isEmpty() ? "none" : String.join(", ", caller.roles())));
    }
    if (!s.isOpen()) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT, "incident " + incidentId + " is closed");
    }
    return s;
  }

  private ResponseEntity<Accepted> accepted(IncidentState s, IndexedRecord action) {
    publisher.publish(Topics.OPERATOR_ACTIONS, s.incidentId, action);
    return ResponseEntity.accepted()
        .body(
            new Accepted(
                s.incidentId,
                EventPublisher.metadataOf(action).getEventId(),
                Topics.OPERATOR_ACTIONS));
  }

  private EventMetadata meta(IncidentState s) {
    EventMetadata m = metadata.newChain(s.incidentId, s.correlationId);
    m.setRunbookId(s.runbookId);
    m.setRunbookVersion(s.runbookVersion);
    return m;
  }

  private IncidentState incident(String incidentId) {
    return queries
        .find(incidentId)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + incidentId));
  }

  private Caller caller(Authentication auth) {
    return Caller.of(auth, security.roleClaim());
  }
}
