package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentDrill;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.generic.IndexedRecord;

/**
 * {@code ./drill --from-incident DIR}: a recorded incident ({@code DIR/incident-drill.json}, written by
 * {@code drctl drill-from ID --to DIR}) drilled again. The drill does the recording's scenario's damage with the
 * detector's probes for it off, and this class publishes the recorded detections on {@code dr.incidents.detected} as
 * the detector would, at their original spacing after the drill's fault: fresh event ids, the same fingerprint,
 * times on the drill's clock, resources mapped to the drill's tables, scenario, severity, region, symptoms and their
 * subjects as recorded. When the incident has closed, the drill's own path is compared with the recorded one.
 */
final class IncidentReplay {

  /** The producer the re-injected detections carry in their metadata. */
  static final String PRODUCER = "sandbox-incident-replay";

  private final Path dir;
  private final IncidentDrill recorded;
  private final DrillOptions.Scenario scenario;
  private final String table;
  private final List<IncidentDetected> published = Collections.synchronizedList(new ArrayList<>());

  private IncidentReplay(
      Path dir, IncidentDrill recorded, DrillOptions.Scenario scenario, String table) {
    this.dir = dir;
    this.recorded = recorded;
    this.scenario = scenario;
    this.table = table;
  }

  /** Reads {@code dir/incident-drill.json}; an unreadable file or one the drill cannot replay is an error naming why. */
  static IncidentReplay load(Path dir) {
    IncidentDrill drill;
    try {
      drill = IncidentDrill.read(dir);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "--from-incident "
              + dir
              + ": cannot read "
              + IncidentDrill.FILE_NAME
              + ": "
              + e.getMessage());
    }
    if (drill.signals() == null || drill.signals().isEmpty()) {
      throw new IllegalArgumentException(
          "--from-incident " + dir + ": the recorded incident has no signals to inject");
    }
    DrillOptions.Scenario scenario;
    try {
      scenario = DrillOptions.Scenario.valueOf(drill.scenario());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "--from-incident " + dir + ": the sandbox has no drill of scenario " + drill.scenario());
    }
    String table =
        drill.affectedResources() == null
            ? DrillOptions.TABLES.get(0)
            : drill.affectedResources().stream()
                .map(IncidentReplay::catalogueName)
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(DrillOptions.TABLES.get(0));
    return new IncidentReplay(dir, drill, scenario, table);
  }

  IncidentDrill recorded() {
    return recorded;
  }

  /** The recording's scenario, which the drill's damage and runbook follow. */
  DrillOptions.Scenario scenario() {
    return scenario;
  }

  /** The seed table (catalogue name) the recorded incident's first affected resource maps to. */
  String table() {
    return table;
  }

  /** The detector's probes that would raise the scenario's incident on their own: off, the recording raises it. */
  Map<String, String> probesOff() {
    return AlertmanagerAlert.probesOff(scenario);
  }

  /** The seed table a recorded resource names: {@code entities} for {@code x-entities} or {@code x-entities-recovery}. */
  static Optional<String> catalogueName(String resource) {
    if (resource == null) {
      return Optional.empty();
    }
    String base =
        resource.endsWith("-recovery")
            ? resource.substring(0, resource.length() - "-recovery".length())
            : resource;
    return DrillOptions.TABLES.stream()
        .filter(t -> base.equals(t) || base.endsWith("-" + t))
        .findFirst();
  }

  /**
   * A recorded resource as the drill's: a table of the seed's by its catalogue name ({@code prefix-entities}), any other
   * resource of the incident's the drill's fault table, anything else (a principal, a function) as recorded.
   */
  static String resource(
      String recordedResource, List<String> incidentResources, String prefix, String faultTable) {
    if (recordedResource == null) {
      return null;
    }
    Optional<String> name = catalogueName(recordedResource);
    if (name.isPresent()) {
      return prefix
          + "-"
          + name.get()
          + (recordedResource.endsWith("-recovery") ? "-recovery" : "");
    }
    return incidentResources != null && incidentResources.contains(recordedResource)
        ? faultTable
        : recordedResource;
  }

  /**
   * The detections to publish, their times after {@code faultAt} as recorded after the first signal: one fresh
   * incident id per recorded fingerprint (the detector's id of a raise and its upgrades), a fresh event id each.
   */
  List<IncidentDetected> detections(Instant faultAt, String prefix, String faultTable) {
    Map<String, String> incidentIds = new HashMap<>();
    List<IncidentDetected> all = new ArrayList<>();
    for (IncidentDrill.Signal s : recorded.signals()) {
      String incidentId =
          incidentIds.computeIfAbsent(s.fingerprint(), f -> UUID.randomUUID().toString());
      Instant at = faultAt.plusMillis(s.atMillis());
      List<String> incidentResources = resources(s);
      List<Evidence> symptoms =
          s.symptoms() == null
              ? List.of()
              : s.symptoms().stream()
                  .map(
                      e ->
                          Evidence.newBuilder()
                              .setSignal(e.signal())
                              .setResource(
                                  resource(e.resource(), incidentResources, prefix, faultTable))
                              .setDetail(e.detail() == null ? "" : e.detail())
                              .setObservedAt(faultAt.plusMillis(e.observedAtMillis()))
                              .setValue(e.value())
                              .setSubjects(
                                  e.subjects() == null
                                      ? Map.of()
                                      : new LinkedHashMap<>(e.subjects()))
                              .build())
                  .toList();
      all.add(
          IncidentDetected.newBuilder()
              .setMetadata(
                  EventMetadata.newBuilder()
                      .setEventId(UUID.randomUUID().toString())
                      .setIncidentId(incidentId)
                      .setCorrelationId(incidentId)
                      .setOccurredAt(at)
                      .setProducer(PRODUCER)
                      .build())
              .setFingerprint(s.fingerprint())
              .setScenario(Scenario.valueOf(s.scenario()))
              .setSeverity(Severity.valueOf(s.severity()))
              .setRegion(s.region())
              .setAffectedResources(
                  s.affectedResources() == null
                      ? List.of()
                      : s.affectedResources().stream()
                          .map(r -> resource(r, incidentResources, prefix, faultTable))
                          .distinct()
                          .toList())
              .setSymptoms(symptoms)
              .setImpactStartedAt(faultAt.plusMillis(s.impactStartedAtMillis()))
              .setDetectedAt(at)
              .setDetectorId(s.detectorId())
              .build());
    }
    return all;
  }

  private List<String> resources(IncidentDrill.Signal s) {
    List<String> all = new ArrayList<>();
    if (recorded.affectedResources() != null) {
      all.addAll(recorded.affectedResources());
    }
    if (s.affectedResources() != null) {
      all.addAll(s.affectedResources());
    }
    return all;
  }

  /**
   * Publishes the detections on their own thread, each when its time comes (keyed by fingerprint, as the detector
   * does), telling {@code step} of each; returns the thread.
   */
  Thread inject(
      String bootstrapServers,
      Instant faultAt,
      String prefix,
      String faultTable,
      Consumer<String> step) {
    List<IncidentDetected> detections = detections(faultAt, prefix, faultTable);
    Thread thread =
        new Thread(
            () -> {
              try (SandboxKafka.Publisher publisher =
                  new SandboxKafka.Publisher(bootstrapServers)) {
                int n = 0;
                for (IncidentDetected d : detections) {
                  long wait =
                      d.getMetadata().getOccurredAt().toEpochMilli() - System.currentTimeMillis();
                  if (wait > 0) {
                    Thread.sleep(wait);
                  }
                  publisher.publish(Topics.INCIDENTS_DETECTED, d.getFingerprint(), d);
                  published.add(d);
                  n++;
                  step.accept(
                      "recorded signal "
                          + n
                          + " of "
                          + detections.size()
                          + " re-injected on "
                          + Topics.INCIDENTS_DETECTED
                          + ": "
                          + d.getScenario()
                          + " "
                          + d.getSeverity()
                          + " "
                          + d.getAffectedResources()
                          + " ("
                          + d.getSymptoms().size()
                          + " symptom(s), +"
                          + (d.getMetadata().getOccurredAt().toEpochMilli()
                              - faultAt.toEpochMilli())
                          + " ms)");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                step.accept("re-injecting the recorded signals failed: " + e.getMessage());
              }
            },
            "sandbox-incident-replay");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * What the drill did against what was recorded.
   *
   * @param reordered how many steps ended in another order than recorded, the path being otherwise the same (steps that
   *                  run side by side, e.g. notifying while restoring, end in whichever order they finish)
   */
  record Comparison(
      boolean samePath,
      String difference,
      int reordered,
      List<IncidentDrill.PathStep> drilled,
      Long measuredRtoSeconds) {

    static Comparison none(String why) {
      return new Comparison(false, why, 0, List.of(), null);
    }
  }

  /**
   * The drill's own incident as {@code drctl drill-from} would record it (its timeline records and the detections
   * re-injected), its final path compared with the recording's: the {@code (step, outcome)} of each entry that was not
   * retried.
   */
  Comparison compare(String incidentId, List<IndexedRecord> events) {
    String timelinePackage = IncidentOpened.class.getPackageName();
    List<IndexedRecord> timeline =
        events.stream().filter(e -> e.getClass().getPackageName().equals(timelinePackage)).toList();
    IncidentDrill drilled;
    try {
      drilled = IncidentDrill.of(incidentId, timeline, new ArrayList<>(published));
    } catch (DrctlException e) {
      return Comparison.none(e.getMessage());
    }
    List<IncidentDrill.PathStep> actual = drilled.finalPath();
    String difference = firstDifference(recorded.finalPath(), actual);
    return new Comparison(
        difference == null,
        difference,
        difference == null ? reordered(recorded.finalPath(), actual) : 0,
        actual,
        drilled.recovery().measuredRtoSeconds());
  }

  /**
   * The first step, in the recorded order, whose final outcome the drill did not have (another outcome, or not run),
   * else the first step the drill ended that the recording did not; null when both ended the same steps the same way
   * (a step ended twice, e.g. per table, counts twice).
   */
  static String firstDifference(
      List<IncidentDrill.PathStep> expected, List<IncidentDrill.PathStep> actual) {
    Map<String, List<IncidentDrill.StepOutcome>> drilled = outcomes(actual);
    Map<String, List<IncidentDrill.StepOutcome>> recorded = outcomes(expected);
    for (IncidentDrill.PathStep e : expected) {
      List<IncidentDrill.StepOutcome> left = drilled.getOrDefault(e.step(), new ArrayList<>());
      if (!left.remove(e.outcome())) {
        return "step "
            + e.step()
            + ": recorded "
            + e.outcome()
            + ", drilled "
            + (left.isEmpty() ? "not ended (the path went elsewhere)" : left.get(0));
      }
    }
    for (IncidentDrill.PathStep a : actual) {
      List<IncidentDrill.StepOutcome> left = recorded.getOrDefault(a.step(), new ArrayList<>());
      if (!left.remove(a.outcome())) {
        return "step "
            + a.step()
            + ": recorded "
            + (left.isEmpty() ? "not ended" : left.get(0))
            + ", drilled "
            + a.outcome();
      }
    }
    return null;
  }

  private static Map<String, List<IncidentDrill.StepOutcome>> outcomes(
      List<IncidentDrill.PathStep> path) {
    Map<String, List<IncidentDrill.StepOutcome>> byStep = new HashMap<>();
    path.forEach(p -> byStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(p.outcome()));
    return byStep;
  }

  /** How many positions of two paths with the same steps and outcomes hold another step. */
  static int reordered(List<IncidentDrill.PathStep> expected, List<IncidentDrill.PathStep> actual) {
    int n = 0;
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).step().equals(actual.get(i).step())) {
        n++;
      }
    }
    return n;
  }

  /** Prints the comparison; returns the drill's exit code: 0 for the same path, 1 for another. */
  int report(Comparison c, PrintStream out) {
    IncidentDrill.Recovery r = recorded.recovery();
    out.println(
        "recorded incident "
            + recorded.incidentId()
            + " ("
            + dir.resolve(IncidentDrill.FILE_NAME)
            + "): "
            + recorded.scenario()
            + " "
            + recorded.severity()
            + ", runbook "
            + (recorded.runbook() == null
                ? "?"
                : recorded.runbook().id() + " v" + recorded.runbook().version())
            + ", "
            + recorded.signals().size()
            + " signal(s), "
            + recorded.finalPath().size()
            + " step(s), "
            + (r == null ? "not resolved" : r.outcome()));
    out.println(
        "runbook path     "
            + (c.samePath()
                ? "same runbook path ("
                    + c.drilled().size()
                    + " steps, each with its"
                    + " recorded outcome"
                    + (c.reordered() == 0
                        ? ", in the recorded order)"
                        : "; "
                            + c.reordered()
                            + " position(s) in another order: steps that run side by side end as they finish)")
                : "DIFFERS: " + c.difference()));
    out.println(
        "RTO              drilled "
            + seconds(c.measuredRtoSeconds())
            + ", recorded "
            + seconds(r == null ? null : r.measuredRtoSeconds())
            + ", target "
            + seconds(r == null || r.rtoTargetSeconds() == null ? null : r.rtoTargetSeconds()));
    return c.samePath() ? 0 : 1;
  }

  private static String seconds(Long s) {
    return s == null ? "not measured" : s + " s";
  }
}
