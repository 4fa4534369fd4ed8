package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.operator.AcknowledgementSubmitted;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.CancellationRequested;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.adapter.http.ApiModels.AcknowledgeRequest;
import io.drautopilot.orchestrator.adapter.http.ApiModels.Accepted;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
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
 * applies them in order with everything else.
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

  public IncidentController(IncidentQueries queries, RunbookRegistry runbooks, EventPublisher publisher,
                            EventMetadataFactory metadata, OrchestratorProperties properties,
                            ObjectProvider<IncidentRouting> routing) {
    this.queries = queries;
    this.routing = routing.getIfAvailable();
    this.runbooks = runbooks;
    this.publisher = publisher;
    this.metadata = metadata;
    this.security = properties.getSecurity();
  }

  @GetMapping
  @Operation(summary = "List incidents, optionally filtered by open/closed, scenario and severity")
  public List<IncidentSummary> list(@RequestParam(required = false) Boolean open, @RequestParam(required = false) String scenario,
                                    @RequestParam(required = false) String severity, HttpServletRequest request) {
    List<IncidentSummary> all = new ArrayList<>(queries.all().stream()
        .filter(s -> open == null || s.isOpen() == open)
        .filter(s -> scenario == null || scenario.equalsIgnoreCase(s.scenario))
        .filter(s -> severity == null || severity.equalsIgnoreCase(s.severity))
        .map(IncidentSummary::of).toList());
    if (routing != null) {
      all.addAll(routing.fromOtherInstances(request));
    }
    all.sort(Comparator.comparing(IncidentSummary::openedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    return all;
  }

  @GetMapping("/{incidentId}")
  @Operation(summary = "One incident with the state of each step")
  public IncidentDetail get(@PathVariable String incidentId) {
    return IncidentDetail.of(incident(incidentId));
  }

  @GetMapping("/{incidentId}/timeline")
  @Operation(summary = "The incident's timeline (the events it wrote to dr.incidents.timeline)")
  public List<IncidentState.Note> timeline(@PathVariable String incidentId) {
    return incident(incidentId).timeline;
  }

  @PostMapping("/{incidentId}/steps/{stepId}/approve")
  @Operation(summary = "Approve a step waiting at its approval gate", security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> approve(@PathVariable String incidentId, @PathVariable String stepId,
                                          @RequestBody(required = false) ApprovalRequest body, @AuthenticationPrincipal Jwt jwt) {
    return decide(incidentId, stepId, ApprovalDecision.APPROVE, body == null ? null : body.comment(), jwt);
  }

  @PostMapping("/{incidentId}/steps/{stepId}/reject")
  @Operation(summary = "Reject a step waiting at its approval gate", security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> reject(@PathVariable String incidentId, @PathVariable String stepId,
                                         @RequestBody(required = false) ApprovalRequest body, @AuthenticationPrincipal Jwt jwt) {
    return decide(incidentId, stepId, ApprovalDecision.REJECT, body == null ? null : body.comment(), jwt);
  }

  private ResponseEntity<Accepted> decide(String incidentId, String stepId, ApprovalDecision decision, String comment, Jwt jwt) {
    IncidentState s = incident(incidentId);
    IncidentState.StepState st = s.steps.get(stepId);
    // A per-table step's copy (cut-over-events) has the gate of the step it copies (cut-over).
    Step step = runbooks.byId(String.valueOf(s.runbookId)).flatMap(r -> r.step(stepId)
        .or(() -> r.steps().stream().filter(x -> x.forEach() && stepId.startsWith(x.id() + "-")).findFirst())).orElse(null);
    if (st == null || step == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "incident " + incidentId + " has no step '" + stepId + "'");
    }
    if (st.status != StepStatus.AWAITING_APPROVAL) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "step '" + stepId + "' is not awaiting approval (it is " + st.status + ")");
    }
    List<String> roles = roles(jwt);
    if (!roles.contains(step.approval().role())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "approving step '" + stepId + "' needs role '" + step.approval().role() + "'");
    }
    String who = identity(jwt);
    if (decision == ApprovalDecision.APPROVE && st.approvers.contains(who)) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, who + " has already approved step '" + stepId + "'; another person must");
    }
    return accepted(s, ApprovalSubmitted.newBuilder().setMetadata(meta(s)).setStepId(stepId).setApprover(who).setRoles(roles)
        .setDecision(decision).setComment(comment).build());
  }

  @PostMapping("/{incidentId}/acknowledge")
  @Operation(summary = "Acknowledge the incident (stops escalation)", security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> acknowledge(@PathVariable String incidentId, @RequestBody(required = false) AcknowledgeRequest body,
                                              @AuthenticationPrincipal Jwt jwt) {
    IncidentState s = openIncident(incidentId, jwt);
    if (s.acknowledged) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + incidentId + " was already acknowledged by " + s.acknowledgedBy);
    }
    return accepted(s, AcknowledgementSubmitted.newBuilder().setMetadata(meta(s)).setAcknowledgedBy(identity(jwt))
        .setNote(body == null ? null : body.note()).build());
  }

  @PostMapping("/{incidentId}/cancel")
  @Operation(summary = "Cancel the run: remaining steps are skipped and the incident closed", security = @SecurityRequirement(name = "bearer"))
  public ResponseEntity<Accepted> cancel(@PathVariable String incidentId, @RequestBody(required = false) CancelRequest body,
                                         @AuthenticationPrincipal Jwt jwt) {
    IncidentState s = openIncident(incidentId, jwt);
    String reason = body == null || body.reason() == null || body.reason().isBlank() ? "cancelled by operator" : body.reason();
    return accepted(s, CancellationRequested.newBuilder().setMetadata(meta(s)).setRequestedBy(identity(jwt)).setReason(reason).build());
  }

  private IncidentState openIncident(String incidentId, Jwt jwt) {
    IncidentState s = incident(incidentId);
    if (!roles(jwt).contains(security.getResponderRole())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this needs role '" + security.getResponderRole() + "'");
    }
    if (!s.isOpen()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + incidentId + " is closed");
    }
    return s;
  }

  private ResponseEntity<Accepted> accepted(IncidentState s, IndexedRecord action) {
    publisher.publish(Topics.OPERATOR_ACTIONS, s.incidentId, action);
    return ResponseEntity.accepted().body(new Accepted(s.incidentId, EventPublisher.metadataOf(action).getEventId(), Topics.OPERATOR_ACTIONS));
  }

  private EventMetadata meta(IncidentState s) {
    EventMetadata m = metadata.newChain(s.incidentId, s.correlationId);
    m.setRunbookId(s.runbookId);
    m.setRunbookVersion(s.runbookVersion);
    return m;
  }

  private IncidentState incident(String incidentId) {
    return queries.find(incidentId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + incidentId));
  }

  private List<String> roles(Jwt jwt) {
    Object claim = jwt.getClaims().get(security.getRoleClaim());
    List<String> roles = new ArrayList<>();
    if (claim instanceof java.util.Collection<?> c) {
      c.forEach(r -> roles.add(String.valueOf(r)));
    } else if (claim != null) {
      for (String r : String.valueOf(claim).split("[ ,]")) {
        if (!r.isBlank()) {
          roles.add(r);
        }
      }
    }
    return roles;
  }

  /** Who the caller is, as it will stand in the audit log. */
  private static String identity(Jwt jwt) {
    for (String claim : List.of("email", "preferred_username", "sub")) {
      if (jwt.getClaimAsString(claim) != null) {
        return jwt.getClaimAsString(claim);
      }
    }
    return jwt.getSubject();
  }
}
