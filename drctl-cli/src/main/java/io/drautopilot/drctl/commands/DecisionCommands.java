package io.drautopilot.drctl.commands;

import io.drautopilot.drctl.ApiClient;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * People's decisions, through the API with the caller's token: the API checks the role and the
 * two-person rule and writes the decision to dr.operator.actions with the caller's identity.
 */
public final class DecisionCommands {

  private DecisionCommands() {}

  abstract static class Decision extends DrctlCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The incident")
    String incidentId;

    int send(String action, Map<String, Object> body, String what) {
      ApiClient api = new ApiClient(settings().api(), settings().timeout());
      JsonNode accepted =
          api.post(
              "/api/incidents/" + ApiClient.segment(incidentId) + action, body, settings().token());
      if (common.json()) {
        out().json(accepted);
      } else {
        out()
            .line(
                what
                    + " accepted for incident "
                    + incidentId
                    + " (event "
                    + accepted.path("eventId").asString("?")
                    + " on "
                    + accepted.path("topic").asString("?")
                    + ")");
      }
      return DrctlException.OK;
    }
  }

  @Command(
      name = "ack",
      mixinStandardHelpOptions = true,
      description = "Acknowledge an incident (stops its escalation).",
      footer = {"", "Example:", "  drctl ack 7f3c2a9e-... --note 'on it'"})
  public static final class Ack extends Decision {
    @Option(names = "--note", description = "A note kept with the acknowledgement")
    String note;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("note", note);
      return send("/acknowledge", body, "acknowledgement");
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a step waiting at its approval gate.",
      footer = {
        "",
        "Example:",
        "  drctl approve 7f3c2a9e-... schedule-key-deletion --comment 'checked with security'"
      })
  public static final class Approve extends Decision {
    @Parameters(index = "1", paramLabel = "STEP", description = "The step id")
    String stepId;

    @Option(names = "--comment", description = "A comment kept with the approval")
    String comment;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("comment", comment);
      return send(
          "/steps/" + ApiClient.segment(stepId) + "/approve", body, "approval of step " + stepId);
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Reject a step waiting at its approval gate.",
      footer = {
        "",
        "Example:",
        "  drctl reject 7f3c2a9e-... failover-dns --reason 'primary is back'"
      })
  public static final class Reject extends Decision {
    @Parameters(index = "1", paramLabel = "STEP", description = "The step id")
    String stepId;

    @Option(names = "--reason", required = true, description = "Why (kept in the audit log)")
    String reason;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("comment", reason);
      return send(
          "/steps/" + ApiClient.segment(stepId) + "/reject", body, "rejection of step " + stepId);
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description =
          "Cancel an incident's run: its remaining steps are skipped and the incident closed.",
      footer = {"", "Example:", "  drctl cancel 7f3c2a9e-... --reason 'false alarm: load test'"})
  public static final class Cancel extends Decision {
    @Option(names = "--reason", required = true, description = "Why (kept in the audit log)")
    String reason;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reason", reason);
      return send("/cancel", body, "cancellation");
    }
  }
}
