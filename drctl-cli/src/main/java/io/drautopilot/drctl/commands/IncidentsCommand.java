package io.drautopilot.drctl.commands;

import io.drautopilot.drctl.ApiClient;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(
    name = "incidents",
    mixinStandardHelpOptions = true,
    description = "List incidents, newest first (from the orchestrator API).",
    footer = {
      "",
      "Example:",
      "  drctl incidents --open --since 24h",
      "  drctl incidents --since 2026-12-01T00:00:00Z -o json"
    })
public class IncidentsCommand extends DrctlCommand {

  @Option(names = "--open", description = "Only incidents still open")
  boolean open;

  @Option(
      names = "--since",
      paramLabel = "DURATION|INSTANT",
      description = "Only incidents opened since then (e.g. 24h, 7d, 2026-12-01T00:00:00Z)")
  String since;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Instant from = since == null ? null : since(since, clock);
    JsonNode all =
        new ApiClient(settings().api(), settings().timeout())
            .get("/api/incidents" + (open ? "?open=true" : ""), settings().token());
    List<JsonNode> shown = new ArrayList<>();
    for (JsonNode i : all) {
      Instant opened = instant(i.path("openedAt"));
      if (from == null || (opened != null && !opened.isBefore(from))) {
        shown.add(i);
      }
    }
    if (common.json()) {
      out().json(shown);
      return DrctlException.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode i : shown) {
      rows.add(
          List.of(
              text(i, "incidentId"),
              text(i, "scenario"),
              text(i, "severity"),
              text(i, "phase"),
              text(i, "openedAt"),
              i.path("acknowledged").asBoolean(false) ? "yes" : "no",
              text(i, "escalationLevel"),
              text(i, "measuredRtoSeconds").isEmpty() ? "" : text(i, "measuredRtoSeconds") + "s",
              text(i, "outcome")));
    }
    out()
        .table(
            List.of(
                "INCIDENT",
                "SCENARIO",
                "SEVERITY",
                "PHASE",
                "OPENED",
                "ACK",
                "ESCALATION",
                "RTO",
                "OUTCOME"),
            rows);
    return DrctlException.OK;
  }

  static Instant since(String value, Clock clock) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return clock.instant().minus(Durations.parse(value));
      } catch (RuntimeException e) {
        throw DrctlException.usage(
            "--since "
                + value
                + " is neither a duration (24h, 7d) nor an instant (2026-12-01T00:00:00Z)");
      }
    }
  }

  static Instant instant(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      // Jackson may write instants as epoch seconds with a fraction
      return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
    }
    try {
      return Instant.parse(node.asString(""));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNull() || v.isMissingNode() ? "" : v.asString("");
  }
}
