package io.drautopilot.drctl.commands;

import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.TimelineView;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    description =
        "An incident's timeline, rebuilt from dr.incidents.timeline (or from its archive).",
    footer = {
      "",
      "Example:",
      "  drctl timeline 7f3c2a9e-... --bootstrap localhost:9092",
      "  drctl timeline 7f3c2a9e-... --from s3://dr-audit/incidents -o json"
    })
public class TimelineCommand extends ForensicCommand {

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description =
          "Read the incident's archive, or a kept drill's directory (./drill --keep DIR), instead of Kafka")
  String from;

  @Override
  public Integer call() {
    List<IncidentRecords.Rec> records = records(from, List.of(Topics.INCIDENT_TIMELINE));
    if (records.isEmpty()) {
      throw DrctlException.usage(
          "no timeline records of incident " + incidentId + " in " + source(from));
    }
    List<TimelineView.Row> rows = new ArrayList<>();
    for (IncidentRecords.Rec r : records) {
      IndexedRecord decoded;
      try {
        decoded = IncidentRecords.decode(r.value());
      } catch (RuntimeException e) {
        throw DrctlException.usage(r.where() + ": the record does not decode: " + e.getMessage());
      }
      rows.add(TimelineView.of(decoded));
    }
    if (common.json()) {
      out()
          .json(
              rows.stream()
                  .map(
                      row ->
                          java.util.Map.of(
                              "time",
                              row.time(),
                              "event",
                              row.event(),
                              "step",
                              row.step(),
                              "fields",
                              row.fields()))
                  .toList());
    } else {
      out()
          .table(
              List.of("TIME", "EVENT", "STEP", "DETAIL"),
              rows.stream()
                  .map(row -> List.of(row.time(), row.event(), row.step(), row.detail()))
                  .toList());
    }
    return DrctlException.OK;
  }
}
