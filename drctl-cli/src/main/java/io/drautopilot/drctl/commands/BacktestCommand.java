package io.drautopilot.drctl.commands;

import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.KafkaLog;
import io.drautopilot.drctl.OfflineOrchestrator;
import io.drautopilot.drctl.TimelineView;
import io.drautopilot.orchestrator.adapter.kafka.TimelineChain;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.Runbook;
import io.drautopilot.orchestrator.runbook.RunbookException;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    header = "Run a new runbook version against recorded incidents and diff the plans.",
    description = {
      "Run a new runbook version against recorded incidents: each incident's recorded inputs go through the",
      "orchestrator's engine offline with the new runbook, each command answered with the recorded result of the same",
      "step and attempt; a step the record has no result for is 'unknown' and the backtest of that incident stops there.",
      "Prints a per-step plan diff against what the recorded run did: steps added, removed, reordered, changed",
      "parameters or attempts, different escalation timing. Nothing is published on any topic.",
      "Exit 0 when every plan is the same, 1 when any differs, 2 on an error (a bad runbook file: file:line)."
    },
    footer = {
      "",
      "Without --incident: every recorded incident of the runbook's scenario (or --scenario), opened since --since.",
      "",
      "Example:",
      "  drctl backtest --runbook table-corruption.yml --since 30d",
      "  drctl backtest --runbook performance-degradation.yml --incident 7f3c2a9e-... --from ./saved-export"
    })
public class BacktestCommand extends DrctlCommand {

  @Option(
      names = "--runbook",
      required = true,
      paramLabel = "FILE",
      description = "The runbook version to test (replaces the built-in runbook of the same id)")
  Path runbookFile;

  @Option(names = "--incident", paramLabel = "ID", description = "A recorded incident (repeatable)")
  List<String> incidents = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "DURATION|DATE",
      description = "Only incidents opened since then (7d, 2026-12-01, 2026-12-01T00:00:00Z)")
  String since;

  @Option(
      names = "--scenario",
      paramLabel = "S",
      description = "Only incidents of this scenario (default: the runbook's)")
  String scenario;

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description =
          "Read the incidents' archives (a directory of them, e.g. a saved export) instead of Kafka")
  String from;

  @Mixin CatalogueOption catalogue;

  /** The runbook variables of {@link #catalogue}, read once. */
  private Map<String, String> variables = Map.of();

  private static final List<String> COMMAND_TOPICS =
      List.of(
          Topics.RESTORE_COMMANDS,
          Topics.VALIDATION_COMMANDS,
          Topics.NOTIFIER_COMMANDS,
          Topics.CONTAINMENT_COMMANDS);
  private static final String SEVERITY_UPGRADE = "IncidentSeverityUpgraded";

  /** One command of a plan (or a severity upgrade, the engine's own escalation), at its time in the incident. */
  record Planned(
      String stepId, int attempt, String action, Map<String, Object> parameters, long at) {}

  /** One difference between the recorded plan and the backtest's, for one step. */
  public record Difference(String step, String kind, String detail) {}

  private record Pending(String topic, String key, byte[] value, long at, int order, long seq) {}

  private record Shadow(List<Planned> plan, Planned stoppedAt) {}

  @Override
  public Integer call() {
    ProtectedResources resources = catalogue.load();
    // read once, before any incident: a file that does not read is an error before the first plan
    variables = catalogue.variables();
    String yaml = RunbooksCommand.read(runbookFile);
    Runbook candidate;
    try {
      candidate = RunbooksCommand.loader(Map.of()).load(runbookFile.toString(), yaml);
    } catch (RunbookException e) {
      throw DrctlException.usage(RunbooksCommand.located(e, yaml));
    }
    List<RunbookFiles.RunbookFile> runbooks = new ArrayList<>(RunbookFiles.read("runbooks", null));
    runbooks.add(new RunbookFiles.RunbookFile(runbookFile.toString(), yaml, false));
    String wanted =
        scenario == null
            ? candidate.scenario()
            : scenario.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    Instant after = since == null ? null : since(since);

    Map<String, List<IncidentRecords.Rec>> recorded = new LinkedHashMap<>();
    List<KafkaLog.Entry> ticks = List.of();
    if (from != null) {
      for (String id : incidents.isEmpty() ? archivedIncidents() : incidents) {
        recorded.put(id, archived(id));
      }
    } else {
      try (KafkaLog log =
          new KafkaLog(
              settings().bootstrap(), settings().kafkaProperties(), settings().timeout())) {
        List<String> topics = new ArrayList<>(IncidentRecords.TOPICS);
        topics.add(Topics.CLOCK_TICKS);
        List<KafkaLog.Entry> entries = log.readAll(topics);
        ticks = entries.stream().filter(e -> e.topic().equals(Topics.CLOCK_TICKS)).toList();
        Set<String> warned = new LinkedHashSet<>();
        for (String id : incidents.isEmpty() ? openedIn(entries) : incidents) {
          recorded.put(
              id,
              IncidentRecords.fromEntries(
                  entries,
                  id,
                  w -> {
                    if (warned.add(w)) {
                      note(w);
                    }
                  }));
        }
      }
    }
    if (!incidents.isEmpty()) {
      recorded.forEach(
          (id, records) -> {
            if (records.stream().noneMatch(IncidentRecords.Rec::timeline)) {
              throw DrctlException.usage(
                  "no timeline records of incident " + id + " in " + source());
            }
          });
    } else {
      recorded.entrySet().removeIf(e -> !matches(e.getValue(), wanted, after));
      if (recorded.isEmpty()) {
        throw DrctlException.usage(
            "no recorded "
                + wanted
                + " incidents"
                + (after == null ? "" : " opened since " + after)
                + " in "
                + source());
      }
    }

    List<Map<String, Object>> json = new ArrayList<>();
    int differing = 0;
    int total = 0;
    for (Map.Entry<String, List<IncidentRecords.Rec>> e : recorded.entrySet()) {
      String id = e.getKey();
      List<IncidentRecords.Rec> records = e.getValue();
      List<Planned> before = recordedPlan(records);
      Shadow shadow = shadow(id, records, ticks, runbooks, resources, candidate);
      long start =
          records.stream()
              .filter(r -> r.topic().equals(Topics.INCIDENTS_DETECTED))
              .mapToLong(IncidentRecords.Rec::timestamp)
              .min()
              .orElse(before.isEmpty() ? 0 : before.get(0).at());
      List<Difference> differences = new ArrayList<>();
      List<List<String>> rows = compare(before, shadow, start, differences);
      total += differences.size();
      differing += differences.isEmpty() ? 0 : 1;
      String header =
          "incident "
              + id
              + " ("
              + recordedRunbook(records)
              + " -> "
              + candidate.id()
              + " v"
              + candidate.version()
              + "): "
              + (differences.isEmpty() ? "same plan" : differences.size() + " difference(s)")
              + (shadow.stoppedAt() == null
                  ? ""
                  : "; stopped at " + shadow.stoppedAt().stepId() + " (result unknown)");
      if (common.json()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("incidentId", id);
        one.put("recordedRunbook", recordedRunbook(records));
        one.put("runbook", candidate.id() + " v" + candidate.version());
        one.put("stoppedAt", shadow.stoppedAt() == null ? null : shadow.stoppedAt().stepId());
        one.put("differences", differences);
        json.add(one);
      } else {
        out().line(header);
        out().table(List.of("  STEP", "RECORDED", "BACKTEST", "DIFFERENCE"), rows);
        out().line("");
      }
    }
    if (common.json()) {
      out().json(json);
    } else {
      out()
          .line(
              "backtest of "
                  + runbookFile
                  + " over "
                  + recorded.size()
                  + " incident(s): "
                  + (differing == 0
                      ? "the same plans"
                      : differing + " with differences (" + total + " in all)"));
    }
    return differing == 0 ? DrctlException.OK : DrctlException.NEGATIVE;
  }

  /** What the recorded run sent, and when the engine raised the severity on its own. */
  private static List<Planned> recordedPlan(List<IncidentRecords.Rec> records) {
    List<Planned> plan = new ArrayList<>();
    for (IncidentRecords.Rec r : records) {
      if (COMMAND_TOPICS.contains(r.topic()) || r.timeline()) {
        Planned p = planned(decoded(r), r.timeline());
        if (p != null) {
          plan.add(p);
        }
      }
    }
    plan.sort(Comparator.comparingLong(Planned::at));
    return plan;
  }

  /**
   * The recorded inputs through the engine with the candidate runbook. A command is answered with the
   * recorded result of its step and attempt, at the recorded time (or when the command was sent, if later);
   * a runbook step the record has no result for stops the run: what would follow depends on an unknown.
   */
  private Shadow shadow(
      String id,
      List<IncidentRecords.Rec> records,
      List<KafkaLog.Entry> ticks,
      List<RunbookFiles.RunbookFile> runbooks,
      ProtectedResources resources,
      Runbook candidate) {
    Map<String, List<IncidentRecords.Rec>> results = new HashMap<>();
    PriorityQueue<Pending> queue =
        new PriorityQueue<>(
            Comparator.comparingLong(Pending::at)
                .thenComparingInt(Pending::order)
                .thenComparingLong(Pending::seq));
    long seq = 0;
    long last = Long.MIN_VALUE;
    for (IncidentRecords.Rec r : records) {
      if (r.topic().equals(Topics.COMMAND_RESULTS)) {
        GenericRecord m = IncidentRecords.metadata(decoded(r));
        results
            .computeIfAbsent(
                key(String.valueOf(m.get("stepId")), (Integer) m.get("attempt")),
                k -> new ArrayList<>())
            .add(r);
      } else if (r.topic().equals(Topics.INCIDENTS_DETECTED)
          || r.topic().equals(Topics.OPERATOR_ACTIONS)) {
        queue.add(new Pending(r.topic(), r.key(), r.value(), r.timestamp(), 0, seq++));
      }
      if (r.timeline()) {
        last = Math.max(last, r.timestamp());
      }
    }
    if (queue.isEmpty()) {
      throw DrctlException.usage("no recorded detection of incident " + id + " in " + source());
    }
    long first = queue.peek().at();
    for (KafkaLog.Entry t : ticks) {
      if (t.timestamp() >= first && t.timestamp() <= last) {
        // at equal times the incident's own inputs go first, as in the replay
        queue.add(new Pending(t.topic(), t.key(), t.value(), t.timestamp(), 1, seq++));
      }
    }
    List<Planned> plan = new ArrayList<>();
    Planned stopped = null;
    try (OfflineOrchestrator orchestrator =
        new OfflineOrchestrator(
            Instant.ofEpochMilli(first),
            TimelineChain.unsigned(),
            runbooks,
            resources,
            variables)) {
      while (!queue.isEmpty() && stopped == null) {
        Pending p = queue.poll();
        orchestrator.pipe(p.topic(), p.key(), p.value(), Instant.ofEpochMilli(p.at()));
        for (OfflineOrchestrator.Sent s : orchestrator.drain()) {
          IndexedRecord r = IncidentRecords.decode(s.value());
          if (!id.equals(String.valueOf(IncidentRecords.metadata(r).get("incidentId")))) {
            continue;
          }
          Planned c = planned(r, s.topic().equals(Topics.INCIDENT_TIMELINE));
          if (c == null) {
            continue;
          }
          plan.add(c);
          if (c.action().equals(SEVERITY_UPGRADE)) {
            continue;
          }
          List<IncidentRecords.Rec> answers = results.remove(key(c.stepId(), c.attempt()));
          if (answers == null) {
            if (stopped == null && isRunbookStep(candidate, c.stepId())) {
              stopped = c;
            }
            continue;
          }
          for (IncidentRecords.Rec a : answers) {
            queue.add(
                new Pending(
                    a.topic(), a.key(), a.value(), Math.max(a.timestamp(), p.at()), 0, seq++));
          }
        }
      }
    }
    return new Shadow(plan, stopped);
  }

  /** A step of the runbook (or one of its per-table copies), as opposed to a page or notice the engine sends on its own. */
  private static boolean isRunbookStep(Runbook runbook, String stepId) {
    return Stream.concat(runbook.steps().stream(), runbook.compensations().stream())
        .map(Step::id)
        .anyMatch(stepId::startsWith);
  }

  @SuppressWarnings("unchecked")
  private static Planned planned(IndexedRecord record, boolean timeline) {
    GenericRecord m = IncidentRecords.metadata(record);
    long at = IncidentRecords.millis(m.get("occurredAt"));
    Map<String, Object> fields = (Map<String, Object>) TimelineView.plain(record);
    fields.remove("metadata");
    if (timeline) {
      if (!record.getSchema().getName().equals(SEVERITY_UPGRADE)) {
        return null;
      }
      return new Planned("severity " + fields.get("toSeverity"), 1, SEVERITY_UPGRADE, fields, at);
    }
    return new Planned(
        String.valueOf(m.get("stepId")),
        (Integer) m.get("attempt"),
        record.getSchema().getName(),
        fields,
        at);
  }

  /** The per-step table, and the differences found (steps not reached after a stop are shown, not counted). */
  static List<List<String>> compare(
      List<Planned> recorded, Shadow shadow, long start, List<Difference> differences) {
    Map<String, List<Planned>> before = byStep(recorded);
    Map<String, List<Planned>> after = byStep(shadow.plan());
    long stopAt = shadow.stoppedAt() == null ? Long.MAX_VALUE : shadow.stoppedAt().at();
    List<String> steps = new ArrayList<>(after.keySet());
    for (String step : before.keySet()) {
      if (!after.containsKey(step)) {
        long at = before.get(step).get(0).at();
        int i = 0;
        while (i < steps.size() && firstAt(steps.get(i), before, after) <= at) {
          i++;
        }
        steps.add(i, step);
      }
    }
    Map<String, Set<String>> inversions = inversions(before, after);
    List<List<String>> rows = new ArrayList<>();
    for (String step : steps) {
      List<Planned> r = before.get(step);
      List<Planned> s = after.get(step);
      List<String> found = new ArrayList<>();
      if (r == null) {
        boolean unknown = shadow.stoppedAt() != null && shadow.stoppedAt().stepId().equals(step);
        found.add(
            add(
                differences,
                step,
                "added",
                unknown ? "result unknown: the backtest stops here" : "no recorded result needed"));
      } else if (s == null) {
        if (r.get(0).at() >= stopAt) {
          found.add("not reached (the backtest stopped)");
        } else {
          found.add(
              add(differences, step, "removed", "the recorded run sent " + r.get(0).action()));
        }
      } else {
        Planned a = r.get(0);
        Planned b = s.get(0);
        if (!a.action().equals(b.action())) {
          found.add(add(differences, step, "changed action", a.action() + " -> " + b.action()));
        }
        String params = parameterChanges(a.parameters(), b.parameters());
        if (!params.isEmpty()) {
          found.add(add(differences, step, "changed parameters", params));
        }
        int ra = maxAttempt(r);
        int sa = maxAttempt(s);
        boolean cutShort =
            sa < ra && r.stream().filter(p -> p.attempt() > sa).allMatch(p -> p.at() >= stopAt);
        if (ra != sa && !cutShort) {
          found.add(add(differences, step, "changed attempts", ra + " -> " + sa));
        }
        if (escalation(step) && a.at() != b.at()) {
          found.add(
              add(
                  differences,
                  step,
                  "escalation timing",
                  offset(a.at(), start) + " -> " + offset(b.at(), start)));
        }
        Set<String> swapped = inversions.get(step);
        if (swapped != null) {
          found.add(
              add(
                  differences,
                  step,
                  "reordered",
                  "order changed relative to " + String.join(", ", swapped)));
        }
      }
      rows.add(
          List.of(
              "  " + step,
              cell(r, start),
              cell(s, start),
              found.isEmpty() ? "" : String.join("; ", found)));
    }
    return rows;
  }

  private static String add(List<Difference> differences, String step, String kind, String detail) {
    differences.add(new Difference(step, kind, detail));
    return kind + ": " + detail;
  }

  /** Steps of both plans whose order relative to another common step is not the same in both. */
  private static Map<String, Set<String>> inversions(
      Map<String, List<Planned>> before, Map<String, List<Planned>> after) {
    List<String> common = before.keySet().stream().filter(after::containsKey).toList();
    Map<String, Set<String>> swapped = new LinkedHashMap<>();
    for (int i = 0; i < common.size(); i++) {
      for (int j = i + 1; j < common.size(); j++) {
        String x = common.get(i);
        String y = common.get(j);
        long was = Long.signum(before.get(x).get(0).at() - before.get(y).get(0).at());
        long now = Long.signum(after.get(x).get(0).at() - after.get(y).get(0).at());
        if (was != now) {
          swapped.computeIfAbsent(x, k -> new TreeSet<>()).add(y);
          swapped.computeIfAbsent(y, k -> new TreeSet<>()).add(x);
        }
      }
    }
    return swapped;
  }

  private static String parameterChanges(Map<String, Object> a, Map<String, Object> b) {
    List<String> changes = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>(a.keySet());
    names.addAll(b.keySet());
    for (String name : names) {
      if (!Objects.equals(a.get(name), b.get(name))) {
        changes.add(
            name
                + " "
                + (a.containsKey(name) ? a.get(name) : "(none)")
                + " -> "
                + (b.containsKey(name) ? b.get(name) : "(none)"));
      }
    }
    return String.join(", ", changes);
  }

  private static boolean escalation(String step) {
    return step.startsWith("escalation-") || step.startsWith("severity ");
  }

  private static Map<String, List<Planned>> byStep(List<Planned> plan) {
    Map<String, List<Planned>> steps = new LinkedHashMap<>();
    plan.forEach(p -> steps.computeIfAbsent(p.stepId(), k -> new ArrayList<>()).add(p));
    return steps;
  }

  private static long firstAt(
      String step, Map<String, List<Planned>> before, Map<String, List<Planned>> after) {
    List<Planned> p = after.containsKey(step) ? after.get(step) : before.get(step);
    return p.get(0).at();
  }

  private static int maxAttempt(List<Planned> p) {
    return p.stream().mapToInt(Planned::attempt).max().orElse(0);
  }

  private static String cell(List<Planned> p, long start) {
    if (p == null) {
      return "";
    }
    int attempts = maxAttempt(p);
    return p.get(0).action().replaceAll("Command$", "")
        + (attempts > 1 ? " x" + attempts : "")
        + " "
        + offset(p.get(0).at(), start);
  }

  private static String offset(long at, long start) {
    Duration d = Duration.ofMillis(at - start);
    return (d.isNegative() ? "-" : "+")
        + String.format("%d:%02d", Math.abs(d.toMinutes()), Math.abs(d.toSecondsPart()));
  }

  private static String key(String stepId, int attempt) {
    return stepId + "#" + attempt;
  }

  private static IndexedRecord decoded(IncidentRecords.Rec r) {
    try {
      return IncidentRecords.decode(r.value());
    } catch (RuntimeException e) {
      throw DrctlException.usage(r.where() + ": the record does not decode: " + e.getMessage());
    }
  }

  private static String recordedRunbook(List<IncidentRecords.Rec> records) {
    for (IncidentRecords.Rec r : records) {
      if (COMMAND_TOPICS.contains(r.topic())) {
        GenericRecord m = IncidentRecords.metadata(decoded(r));
        if (m.get("runbookId") != null) {
          return m.get("runbookId") + " v" + m.get("runbookVersion");
        }
      }
    }
    return "no recorded commands";
  }

  /** The incident's IncidentOpened is of the scenario and at or after {@code after}. */
  private static boolean matches(
      List<IncidentRecords.Rec> records, String scenario, Instant after) {
    for (IncidentRecords.Rec r : records) {
      if (r.timeline()) {
        IndexedRecord opened;
        try {
          opened = IncidentRecords.decode(r.value());
        } catch (RuntimeException e) {
          continue;
        }
        if (opened.getSchema().getName().equals("IncidentOpened")) {
          Instant detected =
              Instant.ofEpochMilli(
                  IncidentRecords.millis(
                      opened.get(opened.getSchema().getField("detectedAt").pos())));
          return scenario.equals(
                  String.valueOf(opened.get(opened.getSchema().getField("scenario").pos())))
              && (after == null || !detected.isBefore(after));
        }
      }
    }
    return false;
  }

  /** The incidents opened on the timeline, in log order. */
  private static List<String> openedIn(List<KafkaLog.Entry> entries) {
    Set<String> ids = new LinkedHashSet<>();
    for (KafkaLog.Entry e : entries) {
      if (e.topic().equals(Topics.INCIDENT_TIMELINE)) {
        try {
          IndexedRecord r = IncidentRecords.decode(e.value());
          if (r.getSchema().getName().equals("IncidentOpened")) {
            ids.add(String.valueOf(IncidentRecords.metadata(r).get("incidentId")));
          }
        } catch (RuntimeException undecodable) {
          // counted and reported when the incidents' records are read
        }
      }
    }
    return List.copyOf(ids);
  }

  /** The incidents archived under a directory: one subdirectory with a manifest each. */
  private List<String> archivedIncidents() {
    if (from.startsWith("s3://")) {
      throw DrctlException.usage(
          "--from s3://... needs --incident (archives in S3 are not listed)");
    }
    Path dir = Path.of(from);
    if (!Files.isDirectory(dir)) {
      throw DrctlException.usage("archive location " + from + " is not a directory");
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> Files.isRegularFile(p.resolve("manifest.json")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw DrctlException.usage("cannot list " + from + ": " + e.getMessage());
    }
  }

  private List<IncidentRecords.Rec> archived(String id) {
    try {
      return IncidentRecords.of(
          IncidentRecords.fromArchive(settings(), from, id, ChainVerifier.of(List.of())), from);
    } catch (DrctlException e) {
      // an archive that does not match its manifest is an error here, not a plan difference
      throw e.exitCode() == DrctlException.NEGATIVE ? DrctlException.usage(e.getMessage()) : e;
    }
  }

  private String source() {
    return from != null ? from : "Kafka at " + settings().bootstrap();
  }

  static Instant since(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        return IncidentsCommand.since(value, Clock.systemUTC());
      }
    }
  }
}
