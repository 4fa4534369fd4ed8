package io.drautopilot.drctl.commands;

import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.KafkaLog;
import io.drautopilot.drctl.OfflineOrchestrator;
import io.drautopilot.drctl.TimelineView;
import io.drautopilot.orchestrator.adapter.kafka.TimelineChain;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.IndexedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    header = "Re-run an incident's recorded inputs offline and compare with what was recorded.",
    description = {
      "Re-run an incident's recorded inputs (detections, results, operator actions, clock ticks, in log",
      "order) through the orchestrator's engine offline and compare the commands and timeline it produces with",
      "the recorded ones. Exit 0 when they are the same, 1 with the first difference. Nothing is published."
    },
    footer = {
      "",
      "Signatures are not compared (the private key stays with the orchestrator); every other field is,",
      "the hash chain included. From an archive (--from) there are no clock ticks: timers cannot fire; a kept",
      "drill's directory (--from DIR of ./drill --keep DIR) has them, and the catalogue and runbook variables",
      "the drill gave its orchestrator (DIR/config), used unless --protected-resources or --variables is given.",
      "",
      "Example:",
      "  drctl replay 7f3c2a9e-... --bootstrap localhost:9092",
      "  drctl replay 7f3c2a9e-... --runbooks ./candidate-runbooks   (the same inputs, the candidate runbooks)"
    })
public class ReplayCommand extends ForensicCommand {

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description =
          "Replay the incident's archive, or a kept drill's directory (clock ticks included), instead of Kafka")
  String from;

  @Option(
      names = "--runbooks",
      paramLabel = "DIR",
      description = "Runbooks that replace or add to the built-in ones")
  Path runbooks;

  @Mixin CatalogueOption catalogue;

  private static final List<String> OUTPUTS =
      List.of(
          Topics.RESTORE_COMMANDS,
          Topics.VALIDATION_COMMANDS,
          Topics.NOTIFIER_COMMANDS,
          Topics.CONTAINMENT_COMMANDS,
          Topics.INCIDENT_TIMELINE);

  /** An input to pipe, at its time. */
  private record Input(String topic, String key, byte[] value, long at) {}

  @Override
  public Integer call() {
    if (runbooks != null && !Files.isDirectory(runbooks)) {
      throw DrctlException.usage("--runbooks " + runbooks + " is not a directory");
    }
    boolean kept = from != null && keptDrill(from);
    if (kept) {
      List<Path> taken = catalogue.keptDrill(Path.of(from));
      if (!taken.isEmpty()) {
        // the drill's orchestrator ran with them: without them its commands would differ
        note(
            "with the kept drill's "
                + String.join(" and ", taken.stream().map(Path::toString).toList()));
      }
    }
    ProtectedResources resources = catalogue.load();
    Map<String, String> variables = catalogue.variables();
    List<String> topics = new ArrayList<>(OfflineOrchestrator.INPUT_TOPICS);
    topics.remove(Topics.CLOCK_TICKS);
    topics.addAll(OUTPUTS);
    List<IncidentRecords.Rec> records;
    List<KafkaLog.Entry> ticks = List.of();
    if (kept) {
      // a kept drill's log has the clock's ticks too: timers fire as they did
      records = records(from, topics);
      ticks = drill.entries(List.of(Topics.CLOCK_TICKS));
    } else if (from != null) {
      records = records(from, topics);
    } else {
      try (KafkaLog log =
          new KafkaLog(
              settings().bootstrap(), settings().kafkaProperties(), settings().timeout())) {
        records = IncidentRecords.fromKafka(log, incidentId, topics, this::note);
        ticks = log.readAll(List.of(Topics.CLOCK_TICKS));
      }
    }
    List<IncidentRecords.Rec> timeline =
        records.stream().filter(IncidentRecords.Rec::timeline).toList();
    if (timeline.isEmpty()) {
      throw DrctlException.usage(
          "no timeline records of incident " + incidentId + " in " + source(from));
    }
    List<Input> inputs = new ArrayList<>();
    for (IncidentRecords.Rec r : records) {
      if (OfflineOrchestrator.INPUT_TOPICS.contains(r.topic())) {
        inputs.add(new Input(r.topic(), r.key(), r.value(), r.timestamp()));
      }
    }
    if (inputs.isEmpty()) {
      throw DrctlException.usage(
          "no recorded inputs of incident " + incidentId + " in " + source(from));
    }
    inputs.sort(Comparator.comparingLong(Input::at));
    long first = inputs.get(0).at();
    long last = timeline.get(timeline.size() - 1).timestamp();
    int tickCount = 0;
    for (KafkaLog.Entry t : ticks) {
      if (t.timestamp() >= first && t.timestamp() <= last) {
        inputs.add(new Input(t.topic(), t.key(), t.value(), t.timestamp()));
        tickCount++;
      }
    }
    // stable: at equal times the incident's own inputs stay before the tick, as they were read
    inputs.sort(Comparator.comparingLong(Input::at));

    Map<String, List<String>> replayed = new LinkedHashMap<>();
    try (OfflineOrchestrator orchestrator =
        new OfflineOrchestrator(
            Instant.ofEpochMilli(first),
            TimelineChain.unsigned(),
            RunbookFiles.read("runbooks", runbooks),
            resources,
            variables)) {
      for (Input i : inputs) {
        orchestrator.pipe(i.topic(), i.key(), i.value(), Instant.ofEpochMilli(i.at()));
      }
      for (OfflineOrchestrator.Sent s : orchestrator.drain()) {
        IndexedRecord r = IncidentRecords.decode(s.value());
        if (incidentId.equals(String.valueOf(IncidentRecords.metadata(r).get("incidentId")))) {
          replayed.computeIfAbsent(s.topic(), k -> new ArrayList<>()).add(render(r));
        }
      }
    }
    Map<String, List<String>> recorded = new LinkedHashMap<>();
    for (IncidentRecords.Rec r : records) {
      if (OUTPUTS.contains(r.topic())) {
        IndexedRecord decoded;
        try {
          decoded = IncidentRecords.decode(r.value());
        } catch (RuntimeException e) {
          throw DrctlException.usage(r.where() + ": the record does not decode: " + e.getMessage());
        }
        recorded.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(render(decoded));
      }
    }
    int commands = 0;
    for (String topic : OUTPUTS) {
      List<String> a = recorded.getOrDefault(topic, List.of());
      List<String> b = replayed.getOrDefault(topic, List.of());
      if (!topic.equals(Topics.INCIDENT_TIMELINE)) {
        commands += a.size();
      }
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String x = i < a.size() ? a.get(i) : null;
        String y = i < b.size() ? b.get(i) : null;
        if (!Objects.equals(x, y)) {
          String difference =
              "first difference in "
                  + topic
                  + " record "
                  + i
                  + " of incident "
                  + incidentId
                  + ": the log has "
                  + (x == null ? "nothing" : x)
                  + "; the replay produced "
                  + (y == null ? "nothing" : y);
          out().line(difference);
          return DrctlException.NEGATIVE;
        }
      }
    }
    out()
        .line(
            "replayed "
                + inputs.size()
                + " inputs of incident "
                + incidentId
                + " ("
                + tickCount
                + " clock ticks): the same "
                + commands
                + " commands and "
                + timeline.size()
                + " timeline records as recorded");
    return DrctlException.OK;
  }

  /** The record with what only the orchestrator's private key can reproduce left out. */
  @SuppressWarnings("unchecked")
  static String render(IndexedRecord record) {
    Map<String, Object> fields = (Map<String, Object>) TimelineView.plain(record);
    fields.remove("chainSignature");
    fields.remove("signingKeyId");
    if (record.getSchema().getName().equals("IncidentClosed")) {
      // the close's own link hashes its signature
      ((Map<String, Object>) fields.get("metadata")).remove("chain");
    }
    return record.getSchema().getName() + fields;
  }
}
