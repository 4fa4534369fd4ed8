package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import io.drautopilot.console.domain.Incident;
import io.drautopilot.console.domain.IncidentBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Acknowledge, approve, reject, cancel: each needs a reason and a confirmation, is checked against
 * the person's roles here (a forged request is refused before the orchestrator is called), and is
 * then sent to the orchestrator as that person. What the orchestrator answers is shown as it said it.
 */
@Controller
class DecisionController {

  private static final Logger log = LoggerFactory.getLogger(DecisionController.class);
  private static final int MAX_REASON = 1000;

  private final IncidentBoard board;
  private final OrchestratorApi api;

  DecisionController(IncidentBoard board, OrchestratorApi api) {
    this.board = board;
    this.api = api;
  }

  /** A request the console refuses itself, with the status and reason shown to the person. */
  static final class Refused extends RuntimeException {
    final HttpStatus status;

    Refused(HttpStatus status, String reason) {
      super(reason);
      this.status = status;
    }
  }

  @PostMapping("/incidents/{incidentId}/acknowledge")
  String acknowledge(
      @PathVariable String incidentId,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String confirm,
      Authentication who,
      RedirectAttributes flash) {
    checked(who, reason, confirm, ConsoleProperties.RESPONDER, "acknowledge");
    return answered(
        incidentId, "Acknowledgement", api.acknowledge(incidentId, reason.trim(), who), flash);
  }

  @PostMapping("/incidents/{incidentId}/cancel")
  String cancel(
      @PathVariable String incidentId,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String confirm,
      Authentication who,
      RedirectAttributes flash) {
    checked(who, reason, confirm, ConsoleProperties.RESPONDER, "cancel");
    return answered(incidentId, "Cancellation", api.cancel(incidentId, reason.trim(), who), flash);
  }

  /** Approving and rejecting a gate ask the same of the person: the role the gate names. */
  @PostMapping("/incidents/{incidentId}/steps/{stepId}/{decision:approve|reject}")
  String decide(
      @PathVariable String incidentId,
      @PathVariable String stepId,
      @PathVariable String decision,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String confirm,
      Authentication who,
      RedirectAttributes flash) {
    boolean approve = decision.equals("approve");
    checked(
        who, reason, confirm, gateRole(incidentId, stepId), decision + " step '" + stepId + "'");
    return answered(
        incidentId,
        (approve ? "Approval of " : "Rejection of ") + stepId,
        approve
            ? api.approve(incidentId, stepId, reason.trim(), who)
            : api.reject(incidentId, stepId, reason.trim(), who),
        flash);
  }

  @ExceptionHandler(Refused.class)
  String refused(Refused e, Model model, jakarta.servlet.http.HttpServletResponse response) {
    response.setStatus(e.status.value());
    model.addAttribute("status", e.status.value());
    model.addAttribute("reason", e.getMessage());
    return "refused";
  }

  /** The role the gate asks for, as the timeline said; a gate the console has not seen is refused. */
  private String gateRole(String incidentId, String stepId) {
    Incident.Approval gate =
        board
            .incident(incidentId)
            .flatMap(i -> i.step(stepId))
            .map(Incident.Step::approval)
            .orElseThrow(
                () ->
                    new Refused(
                        HttpStatus.NOT_FOUND,
                        "incident "
                            + incidentId
                            + " has no approval gate at step '"
                            + stepId
                            + "'"));
    return gate.role();
  }

  private Person checked(
      Authentication who, String reason, String confirm, String role, String what) {
    Person person = Person.of(who);
    if (!person.has(role)) {
      log.info("Refused {} to {}: needs role {}", what, person.name(), role);
      throw new Refused(HttpStatus.FORBIDDEN, "to " + what + " you need the role '" + role + "'");
    }
    if (reason == null || reason.isBlank()) {
      throw new Refused(HttpStatus.BAD_REQUEST, "a reason is required to " + what);
    }
    if (reason.length() > MAX_REASON) {
      throw new Refused(
          HttpStatus.BAD_REQUEST, "the reason is longer than " + MAX_REASON + " characters");
    }
    if (!"yes".equals(confirm)) {
      throw new Refused(HttpStatus.BAD_REQUEST, "tick the confirmation to " + what);
    }
    return person;
  }

  private static String answered(
      String incidentId, String what, OrchestratorApi.Answer answer, RedirectAttributes flash) {
    if (answer.accepted()) {
      flash.addFlashAttribute(
          "notice",
          what + " sent; it appears in the timeline when the orchestrator has applied it.");
    } else {
      flash.addFlashAttribute(
          "refusal",
          what + " refused by the orchestrator (" + answer.status() + "): " + answer.reason());
    }
    return "redirect:/incidents/{incidentId}";
  }
}
