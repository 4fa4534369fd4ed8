package io.drautopilot.drctl.commands;

import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.ApiClient;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.KafkaLog;
import io.drautopilot.drctl.Output;
import io.drautopilot.drctl.TimelineView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "One incident and its steps (from the orchestrator API).",
      "With --follow, then its timeline as it happens, with step progress, until the incident closes",
      "(read from dr.incidents.timeline and dr.commands.progress)."
    },
    footer = {
      "",
      "Example:",
      "  drctl show 7f3c2a9e-...",
      "  drctl show 7f3c2a9e-... --follow --bootstrap localhost:9092"
    })
public class ShowCommand extends DrctlCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The incident")
  String incidentId;

  @Option(
      names = "--follow",
      description = "Follow the timeline and step progress until the incident closes")
  boolean follow;

  @Override
  public Integer call() {
    JsonNode detail =
        new ApiClient(settings().api(), settings().timeout())
            .get("/api/incidents/" + ApiClient.segment(incidentId), settings().token());
    if (common.json()) {
      out().json(detail);
    } else {
      print(detail);
    }
    if (follow) {
      follow();
    }
    return DrctlException.OK;
  }

  private void print(JsonNode detail) {
    JsonNode i = detail.path("incident");
    Output out = out();
    out.line(
        "incident   "
            + t(i, "incidentId")
            + "  "
            + t(i, "scenario")
            + " "
            + t(i, "severity")
            + " in "
            + t(i, "region"));
    out.line(
        "runbook    "
            + t(i, "runbookId")
            + " v"
            + t(i, "runbookVersion")
            + "  phase "
            + t(i, "phase")
            + (i.path("resolved").asBoolean(false) ? "  resolved at " + t(i, "resolvedAt") : ""));
    out.line(
        "opened     "
            + t(i, "openedAt")
            + "  acknowledged "
            + (i.path("acknowledged").asBoolean(false) ? "yes" : "no")
            + "  escalation level "
            + t(i, "escalationLevel"));
    if (!t(i, "measuredRtoSeconds").isEmpty()) {
      out.line(
          "measured   RTO "
              + t(i, "measuredRtoSeconds")
              + "s  RPO "
              + t(i, "measuredRpoSeconds")
              + "s");
    }
    if (!t(i, "outcome").isEmpty()) {
      out.line("outcome    " + t(i, "outcome"));
    }
    out.line("");
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode s : detail.path("steps")) {
      List<String> approvers = new ArrayList<>();
      s.path("approvers").forEach(a -> approvers.add(a.asString("")));
      rows.add(
          List.of(
              t(s, "stepId") + (s.path("compensation").asBoolean(false) ? " (compensation)" : ""),
              t(s, "status"),
              t(s, "attempt"),
              t(s, "startedAt"),
              t(s, "finishedAt"),
              String.join(",", approvers),
              t(s, "failure")));
    }
    out.table(
        List.of("STEP", "STATUS", "ATTEMPT", "STARTED", "FINISHED", "APPROVERS", "FAILURE"), rows);
  }

  private void follow() {
    Output out = out();
    Map<String, String> lastProgress = new LinkedHashMap<>();
    if (!common.json()) {
      out.line("");
      out.line("timeline (following until the incident closes; Ctrl-C to stop)");
    }
    try (KafkaLog log =
        new KafkaLog(settings().bootstrap(), settings().kafkaProperties(), settings().timeout())) {
      log.read(
          List.of(Topics.INCIDENT_TIMELINE, Topics.COMMAND_PROGRESS),
          true,
          e -> {
            IndexedRecord record;
            try {
              record = IncidentRecords.decode(e.value());
              if (!incidentId.equals(
                  String.valueOf(IncidentRecords.metadata(record).get("incidentId")))) {
                return true;
              }
            } catch (RuntimeException undecodable) {
              if (incidentId.equals(e.key())) {
                note(
                    e.where()
                        + ": a record of the incident does not decode: "
                        + undecodable.getMessage());
              }
              return true;
            }
            if (e.topic().equals(Topics.COMMAND_PROGRESS)) {
              progress(out, (GenericRecord) record, lastProgress);
              return true;
            }
            TimelineView.Row row = TimelineView.of(record);
            if (common.json()) {
              out.json(
                  Map.of(
                      "time",
                      row.time(),
                      "event",
                      row.event(),
                      "step",
                      row.step(),
                      "fields",
                      row.fields()));
            } else {
              out.line(
                  row.time()
                      + "  "
                      + row.event()
                      + (row.step().isEmpty() ? "" : "  " + row.step())
                      + (row.detail().isEmpty() ? "" : "  " + row.detail()));
            }
            return !row.event().equals("IncidentClosed");
          });
    }
  }

  private void progress(Output out, GenericRecord p, Map<String, String> last) {
    GenericRecord metadata = IncidentRecords.metadata(p);
    String step = String.valueOf(metadata.get("stepId"));
    Object percent = p.get("percentDone");
    Object done = p.get("itemsDone");
    Object total = p.get("itemsTotal");
    double pct =
        percent instanceof Number n
            ? n.doubleValue()
            : total instanceof Number t && t.longValue() > 0
                ? 100.0 * ((Number) done).longValue() / t.longValue()
                : -1;
    String line = pct >= 0 ? Output.bar(pct, 30) : "[" + done + " items]";
    String text = "  " + step + "  " + line + "  " + p.get("message");
    if (text.equals(last.put(step, text))) {
      return;
    }
    if (common.json()) {
      out.json(
          Map.of(
              "time",
              TimelineView.of(p).time(),
              "event",
              "CommandProgressed",
              "step",
              step,
              "percentDone",
              pct,
              "message",
              String.valueOf(p.get("message"))));
    } else {
      out.line(text);
    }
  }

  private static String t(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNull() || v.isMissingNode() ? "" : v.asString("");
  }
}
