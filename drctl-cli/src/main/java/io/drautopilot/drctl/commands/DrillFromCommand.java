package io.drautopilot.drctl.commands;

import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentDrill;
import io.drautopilot.drctl.IncidentRecords;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "drill-from",
    mixinStandardHelpOptions = true,
    header =
        "Turn a recorded incident into a sandbox drill (its signals, path taken and measured RTO).",
    description = {
      "Turn a recorded incident into a sandbox drill: writes DIR/"
          + IncidentDrill.FILE_NAME
          + " with the",
      "incident's detection signals (symptoms, evidence, scenario, resources, region) at their original spacing,",
      "the runbook path it took (each step's end, in order, with its outcome) and its measured RTO.",
      "./drill --from-incident DIR re-injects the signals and compares its own path and RTO with these."
    },
    footer = {
      "",
      "Read from the topics, a kept drill's directory or the incident's archive (--from). The incident must",
      "have resolved. Refuses to replace a drill already in DIR.",
      "",
      "Example:",
      "  drctl drill-from 7f3c2a9e-... --to ./drills/breach-2026-12-03",
      "  ./drill --from-incident ./drills/breach-2026-12-03"
    })
public class DrillFromCommand extends ForensicCommand {

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Where the drill's file goes")
  Path to;

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description = "Read a kept drill's directory or the incident's archive instead of Kafka")
  String from;

  @Override
  public Integer call() {
    if (java.nio.file.Files.exists(to) && !java.nio.file.Files.isDirectory(to)) {
      throw DrctlException.usage("--to " + to + " is a file, not a directory");
    }
    List<String> topics = List.of(Topics.INCIDENTS_DETECTED, Topics.INCIDENT_TIMELINE);
    // the incident's detections include those that joined it (IncidentRecords picks them by the
    // event ids its timeline names)
    List<IncidentRecords.Rec> records = records(from, topics);
    List<IndexedRecord> detections = new ArrayList<>();
    List<IndexedRecord> timeline = new ArrayList<>();
    for (IncidentRecords.Rec r : records) {
      if (r.timeline()) {
        decoded(r.where(), r.value(), true).ifPresent(timeline::add);
      } else {
        decoded(r.where(), r.value(), false).ifPresent(detections::add);
      }
    }
    if (timeline.isEmpty()) {
      throw DrctlException.usage(
          "no timeline records of incident " + incidentId + " in " + source(from));
    }
    IncidentDrill made = IncidentDrill.of(incidentId, timeline, detections);
    Path file;
    try {
      file = made.write(to);
    } catch (FileAlreadyExistsException e) {
      throw DrctlException.usage(
          e.getFile() + " already exists (a drill is already there; choose another --to)");
    } catch (IOException e) {
      throw DrctlException.usage("cannot write the drill to " + to + ": " + e.getMessage());
    }
    if (common.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("file", file.toString());
      json.put("signals", made.signals().size());
      json.put("steps", made.finalPath().size());
      json.put("measuredRtoSeconds", made.recovery().measuredRtoSeconds());
      out().json(json);
    } else {
      out()
          .line(
              "wrote "
                  + file
                  + ": "
                  + made.signals().size()
                  + " signal(s) of a "
                  + made.scenario()
                  + " incident over "
                  + seconds(made.signals().get(made.signals().size() - 1).atMillis())
                  + ", "
                  + made.finalPath().size()
                  + " step(s) taken, "
                  + made.recovery().outcome()
                  + " with a measured RTO of "
                  + made.recovery().measuredRtoSeconds()
                  + " s");
      out().line("next: ./drill --from-incident " + to);
    }
    return DrctlException.OK;
  }

  /** The decoded record; one that does not decode is named and left out (the incident's own timeline must decode). */
  private java.util.Optional<IndexedRecord> decoded(String where, byte[] value, boolean required) {
    try {
      return java.util.Optional.of(IncidentRecords.decode(value));
    } catch (RuntimeException e) {
      if (required) {
        throw DrctlException.usage(where + ": the record does not decode: " + e.getMessage());
      }
      note("skipped " + where + ": it does not decode");
      return java.util.Optional.empty();
    }
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
