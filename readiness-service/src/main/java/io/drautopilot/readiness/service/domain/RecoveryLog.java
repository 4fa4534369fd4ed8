package io.drautopilot.readiness.service.domain;

import io.drautopilot.readiness.Forecaster.StageSample;
import io.drautopilot.readiness.MaintenanceRun;
import io.drautopilot.readiness.MeasuredSize;
import io.drautopilot.readiness.ObservationSource;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.RestoreObservation;
import io.drautopilot.readiness.RestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts read back from the log that readiness is computed from: incidents opened and resolved,
 * steps started (with their command ids and parameters), the restores, imports and snapshots the
 * handlers reported. Facts arrive from two topics in any order, so nothing is joined on arrival: the
 * derivations ({@link #observations}, {@link #stages}, ...) join them when asked. Rebuilt by re-reading
 * the topics at start-up; the log is the only store.
 */
public final class RecoveryLog {

  public static final String BACKUP_VERIFICATION = "BACKUP_VERIFICATION";
  public static final String DR_DRILL = "DR_DRILL";
  public static final String RECOVERED = "RECOVERED";
  static final String FAIL_OVER_DNS = "restore.failOverDnsRecord";
  static final String CUT_OVER = "restore.cutOverTable";

  /** How a restore result restored. */
  public enum RestoreKind {
    POINT_IN_TIME,
    AWS_BACKUP,
    SNAPSHOT_IMPORT
  }

  public record IncidentOpened(
      String incidentId,
      String eventId,
      String scenario,
      String region,
      List<String> affectedResources,
      Instant impactStartedAt,
      Instant detectedAt) {}

  public record IncidentResolved(
      String incidentId,
      String eventId,
      String outcome,
      Instant resolvedAt,
      Long measuredRtoSeconds) {}

  public record StepStarted(
      String incidentId,
      String eventId,
      String commandEventId,
      String action,
      Map<String, String> parameters,
      Instant at) {}

  public record StepSucceeded(
      String incidentId, String eventId, String action, Duration duration, Instant at) {}

  /** A restore, backup restore or import that succeeded; {@code itemCount} -1 when the result did not say. */
  public record RestoreFinished(
      String incidentId,
      String eventId,
      String causationId,
      RestoreKind kind,
      String targetTable,
      long itemCount,
      Duration duration,
      Instant at) {}

  /** A logical snapshot exported; {@code itemCount} as the export counted it (-1 when it did not say). */
  public record SnapshotTaken(String table, Instant takenAt, String eventId, long itemCount) {

    public SnapshotTaken(String table, Instant takenAt, String eventId) {
      this(table, takenAt, eventId, -1);
    }
  }

  /** A restore point a FindRestorePoint command found (kind as in the contract: PITR, AWS_BACKUP, LOGICAL_SNAPSHOT). */
  public record RestorePointSeen(
      String incidentId, String eventId, String causationId, String kind, Instant time) {}

  private final Map<String, IncidentOpened> opened = new LinkedHashMap<>();
  private final Map<String, IncidentResolved> resolved = new LinkedHashMap<>();
  private final Map<String, StepStarted> stepsByCommand = new LinkedHashMap<>();
  private final List<StepSucceeded> stepsSucceeded = new ArrayList<>();
  private final Map<String, RestoreFinished> restores = new LinkedHashMap<>();
  private final List<SnapshotTaken> snapshots = new ArrayList<>();
  private final List<RestorePointSeen> restorePoints = new ArrayList<>();

  public synchronized void record(IncidentOpened e) {
    opened.putIfAbsent(e.incidentId(), e);
  }

  public synchronized void record(IncidentResolved e) {
    resolved.put(e.incidentId(), e);
  }

  public synchronized void record(StepStarted e) {
    if (e.commandEventId() != null) {
      stepsByCommand.put(e.commandEventId(), e);
    }
  }

  public synchronized void record(StepSucceeded e) {
    stepsSucceeded.add(e);
  }

  public synchronized void record(RestoreFinished e) {
    restores.putIfAbsent(e.eventId(), e);
  }

  public synchronized void record(SnapshotTaken e) {
    snapshots.add(e);
  }

  public synchronized void record(RestorePointSeen e) {
    restorePoints.add(e);
  }

  /** Every restore, import and failover, each attributed to its protected table and path. */
  public synchronized List<RestoreObservation> observations(ProtectedTables tables) {
    List<RestoreObservation> out = new ArrayList<>();
    for (RestoreFinished r : restores.values()) {
      IncidentOpened incident = opened.get(r.incidentId());
      StepStarted step = stepsByCommand.get(r.causationId());
      Optional<String> table = attribute(tables, r, step, incident);
      if (table.isEmpty()) {
        continue;
      }
      out.add(
          new RestoreObservation(
              table.get(),
              path(r, step, incident),
              r.itemCount(),
              -1,
              r.duration(),
              r.at(),
              r.eventId(),
              source(incident)));
    }
    out.addAll(failovers(tables));
    return out;
  }

  private static Optional<String> attribute(
      ProtectedTables tables, RestoreFinished r, StepStarted step, IncidentOpened incident) {
    if (step != null) {
      Optional<String> source = tables.resolve(step.parameters().get("sourceTableName"));
      if (source.isPresent()) {
        return source;
      }
    }
    Optional<String> target = tables.resolve(r.targetTable());
    if (target.isPresent()) {
      return target;
    }
    // a scratch table (backup-verification-test-<incident>) is about the incident's first resource
    if (incident != null && !incident.affectedResources().isEmpty()) {
      return tables.resolve(incident.affectedResources().get(0));
    }
    return Optional.empty();
  }

  private static RecoveryPath path(RestoreFinished r, StepStarted step, IncidentOpened incident) {
    return switch (r.kind()) {
      case POINT_IN_TIME -> RecoveryPath.PITR_RESTORE;
      case AWS_BACKUP -> RecoveryPath.AWS_BACKUP_RESTORE;
      case SNAPSHOT_IMPORT -> {
        String region = step == null ? null : step.parameters().get("region");
        boolean crossRegion =
            region != null
                && !region.isBlank()
                && incident != null
                && !region.equals(incident.region());
        yield crossRegion
            ? RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT
            : RecoveryPath.SNAPSHOT_IMPORT;
      }
    };
  }

  private static ObservationSource source(IncidentOpened incident) {
    if (incident == null) {
      return ObservationSource.INCIDENT;
    }
    return switch (incident.scenario()) {
      case BACKUP_VERIFICATION -> ObservationSource.BACKUP_VERIFICATION;
      case DR_DRILL -> ObservationSource.DR_DRILL;
      default -> ObservationSource.INCIDENT;
    };
  }

  /**
   * A failover measured by the runbook's own steps: the DNS failover plus the slowest cut-over of the
   * same run, for every protected table the run named (all of them when it named none: a region moves
   * every table).
   */
  private List<RestoreObservation> failovers(ProtectedTables tables) {
    Map<String, StepSucceeded> dns = new LinkedHashMap<>();
    Map<String, StepSucceeded> slowestCutOver = new LinkedHashMap<>();
    for (StepSucceeded s : stepsSucceeded) {
      if (FAIL_OVER_DNS.equals(s.action())) {
        dns.putIfAbsent(s.incidentId(), s);
      } else if (CUT_OVER.equals(s.action())) {
        slowestCutOver.merge(
            s.incidentId(), s, (a, b) -> a.duration().compareTo(b.duration()) >= 0 ? a : b);
      }
    }
    List<RestoreObservation> out = new ArrayList<>();
    dns.forEach(
        (incidentId, d) -> {
          StepSucceeded cut = slowestCutOver.get(incidentId);
          IncidentOpened incident = opened.get(incidentId);
          if (cut == null || incident == null) {
            return;
          }
          List<String> named =
              incident.affectedResources().stream()
                  .map(tables::resolve)
                  .flatMap(Optional::stream)
                  .distinct()
                  .toList();
          for (String table : named.isEmpty() ? tables.names() : named) {
            out.add(
                new RestoreObservation(
                    table,
                    RecoveryPath.REGION_FAILOVER,
                    -1,
                    -1,
                    d.duration().plus(cut.duration()),
                    cut.at(),
                    cut.eventId(),
                    source(incident)));
          }
        });
    return out;
  }

  /** Measured runbook stages of recovered runs that restored something: detection, before and after the restores. */
  public synchronized Stages stages() {
    List<StageSample> detection = new ArrayList<>();
    List<StageSample> before = new ArrayList<>();
    List<StageSample> after = new ArrayList<>();
    for (IncidentOpened incident : opened.values()) {
      IncidentResolved end = resolved.get(incident.incidentId());
      if (end == null
          || !RECOVERED.equals(end.outcome())
          || BACKUP_VERIFICATION.equals(incident.scenario())) {
        continue;
      }
      List<RestoreFinished> runs =
          restores.values().stream()
              .filter(r -> r.incidentId().equals(incident.incidentId()))
              .toList();
      if (runs.isEmpty()) {
        continue;
      }
      detection.add(
          new StageSample(
              nonNegative(incident.impactStartedAt(), incident.detectedAt()), incident.eventId()));
      Optional<Instant> firstStart =
          runs.stream()
              .map(r -> stepsByCommand.get(r.causationId()))
              .filter(s -> s != null)
              .map(StepStarted::at)
              .min(Comparator.naturalOrder());
      firstStart.ifPresent(
          start ->
              before.add(
                  new StageSample(nonNegative(incident.detectedAt(), start), incident.eventId())));
      Instant lastEnd =
          runs.stream().map(RestoreFinished::at).max(Comparator.naturalOrder()).orElseThrow();
      after.add(new StageSample(nonNegative(lastEnd, end.resolvedAt()), end.eventId()));
    }
    return new Stages(detection, before, after);
  }

  /** The measured stage samples. */
  public record Stages(
      List<StageSample> detection,
      List<StageSample> beforeRestore,
      List<StageSample> afterRestore) {}

  private static Duration nonNegative(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The last finished run of a maintenance scenario (BACKUP_VERIFICATION, DR_DRILL) that named the table. */
  public synchronized Optional<MaintenanceRun> lastMaintenance(
      String scenario, String table, ProtectedTables tables) {
    MaintenanceRun last = null;
    for (IncidentOpened incident : opened.values()) {
      IncidentResolved end = resolved.get(incident.incidentId());
      if (end == null
          || !scenario.equals(incident.scenario())
          || incident.affectedResources().stream()
              .map(tables::resolve)
              .noneMatch(t -> t.equals(Optional.of(table)))) {
        continue;
      }
      if (last == null || end.resolvedAt().isAfter(last.endedAt())) {
        last =
            new MaintenanceRun(
                incident.incidentId(),
                end.resolvedAt(),
                RECOVERED.equals(end.outcome()),
                Optional.ofNullable(end.measuredRtoSeconds()).map(Duration::ofSeconds),
                List.of(incident.eventId(), end.eventId()));
      }
    }
    return Optional.ofNullable(last);
  }

  /** The newest logical snapshot of the table (exported, or found as a restore point). */
  public synchronized Optional<RestorePoint> newestSnapshot(String table, ProtectedTables tables) {
    List<RestorePoint> candidates = new ArrayList<>();
    snapshots.stream()
        .filter(s -> tables.resolve(s.table()).equals(Optional.of(table)))
        .forEach(
            s ->
                candidates.add(
                    new RestorePoint(RecoveryPath.SNAPSHOT_IMPORT, s.takenAt(), s.eventId())));
    seenPoints("LOGICAL_SNAPSHOT", table, tables)
        .forEach(
            p ->
                candidates.add(
                    new RestorePoint(RecoveryPath.SNAPSHOT_IMPORT, p.time(), p.eventId())));
    return candidates.stream().max(Comparator.comparing(RestorePoint::time));
  }

  /**
   * The item count of the table's newest exported snapshot that counted its items: the size the table had when it
   * was taken, as this product measured it (a snapshot import writes exactly those items).
   */
  public synchronized Optional<MeasuredSize> newestSnapshotSize(
      String table, ProtectedTables tables) {
    return snapshots.stream()
        .filter(s -> s.itemCount() > 0)
        .filter(s -> tables.resolve(s.table()).equals(Optional.of(table)))
        .max(Comparator.comparing(SnapshotTaken::takenAt))
        .map(s -> new MeasuredSize(s.itemCount(), s.takenAt(), "newest snapshot", s.eventId()));
  }

  /** The newest AWS Backup recovery point a FindRestorePoint reported for the table. */
  public synchronized Optional<RestorePoint> newestRecoveryPoint(
      String table, ProtectedTables tables) {
    return seenPoints("AWS_BACKUP", table, tables).stream()
        .max(Comparator.comparing(RestorePointSeen::time))
        .map(p -> new RestorePoint(RecoveryPath.AWS_BACKUP_RESTORE, p.time(), p.eventId()));
  }

  private List<RestorePointSeen> seenPoints(String kind, String table, ProtectedTables tables) {
    return restorePoints.stream()
        .filter(p -> kind.equals(p.kind()))
        .filter(
            p -> {
              StepStarted step = stepsByCommand.get(p.causationId());
              return step != null
                  && tables.resolve(step.parameters().get("tableName")).equals(Optional.of(table));
            })
        .toList();
  }
}
