package io.drautopilot.readiness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The readiness score, from evidence only: each {@link ReadinessCheck} earns its points when the
 * evidence shows it holds, and nothing when the evidence shows otherwise or there is none. A table's
 * score is the share of the points earned by its own checks and the service-wide ones (the approval
 * gates), 0 to 100; the overall score is the lowest table's, because a service is only as ready as its
 * least ready table.
 */
public final class ReadinessScore {

  /**
   * @param verificationMaxAge the monthly backup verification is overdue after this (31 days)
   * @param drillMaxAge the quarterly drill is overdue after this (92 days)
   * @param snapshotMaxAge a logical snapshot older than this is stale
   */
  public record Settings(
      Duration verificationMaxAge, Duration drillMaxAge, Duration snapshotMaxAge) {

    public static final Settings DEFAULTS =
        new Settings(Duration.ofDays(31), Duration.ofDays(92), Duration.ofHours(24));
  }

  /** A table's score and its findings (the service-wide findings included). */
  public record TableScore(String table, int score, List<Finding> findings) {

    public TableScore {
      findings = List.copyOf(findings);
    }
  }

  private ReadinessScore() {}

  /** The service-wide check: every gate has at least as many distinct configured approvers as it needs. */
  public static List<Finding> gates(
      List<ApprovalGate> gates, Map<String, List<String>> approversByRole) {
    if (gates.isEmpty()) {
      return List.of(
          Finding.noEvidence(
              null,
              ReadinessCheck.GATE_APPROVERS,
              "no approval gates configured (dr.readiness.approval-gates)"));
    }
    List<String> short_ = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    for (ApprovalGate gate : gates) {
      Set<String> people =
          new LinkedHashSet<>(approversByRole.getOrDefault(gate.role(), List.of()));
      evidence.add("configuration:dr.readiness.approvers." + gate.role());
      if (people.size() < gate.approvers()) {
        short_.add(gate.role() + " needs " + gate.approvers() + ", has " + people.size());
      }
    }
    boolean passed = short_.isEmpty();
    return List.of(
        Finding.of(
            null,
            ReadinessCheck.GATE_APPROVERS,
            passed,
            passed
                ? "every gate has enough approvers (" + gates.size() + " gates)"
                : "not enough approvers: " + String.join("; ", short_),
            evidence));
  }

  /**
   * The service-wide check on the runbooks' document control: passes when no runbook is past its next
   * review on {@code today}. The finding's evidence names each overdue runbook ({@code runbook:<id>}), or
   * every runbook looked at when none is.
   */
  public static List<Finding> runbookReviews(List<RunbookReview> runbooks, LocalDate today) {
    if (runbooks.isEmpty()) {
      return List.of(
          Finding.noEvidence(
              null, ReadinessCheck.RUNBOOK_REVIEW, "no runbook to check (dr.readiness.runbooks)"));
    }
    List<RunbookReview> overdue = runbooks.stream().filter(r -> r.overdueOn(today)).toList();
    if (overdue.isEmpty()) {
      LocalDate next =
          runbooks.stream().map(RunbookReview::nextReview).min(LocalDate::compareTo).orElseThrow();
      return List.of(
          Finding.of(
              null,
              ReadinessCheck.RUNBOOK_REVIEW,
              true,
              "every runbook reviewed on schedule ("
                  + runbooks.size()
                  + " runbooks; next review "
                  + next
                  + ")",
              runbooks.stream().map(RunbookReview::evidence).toList()));
    }
    String detail =
        overdue.stream()
            .map(
                r ->
                    "runbook "
                        + r.runbookId()
                        + " ("
                        + r.file()
                        + ") review overdue: "
                        + (r.nextReview() == null
                            ? "no next review date"
                            : "next review was "
                                + r.nextReview()
                                + (r.lastReviewed() == null
                                    ? ""
                                    : " (last " + r.lastReviewed() + ")"))
                        + (r.owner() == null ? "" : ", owner " + r.owner()))
            .collect(java.util.stream.Collectors.joining("; "));
    return List.of(
        Finding.of(
            null,
            ReadinessCheck.RUNBOOK_REVIEW,
            false,
            detail,
            overdue.stream().map(RunbookReview::evidence).toList()));
  }

  /** The score of one table. */
  public static TableScore table(
      TableEvidence table,
      List<PathAssessment> paths,
      PathChoice choice,
      List<Finding> serviceWide,
      RecoveryTargets targets,
      Settings settings,
      Instant now) {
    String name = table.table();
    List<Finding> findings = new ArrayList<>();
    findings.addAll(pitr(table, targets, now));
    findings.add(
        maintenance(
            name,
            ReadinessCheck.BACKUP_VERIFICATION,
            "monthly backup verification",
            table.lastVerification(),
            settings.verificationMaxAge(),
            now));
    findings.add(
        maintenance(
            name,
            ReadinessCheck.DR_DRILL,
            "quarterly drill",
            table.lastDrill(),
            settings.drillMaxAge(),
            now));
    findings.addAll(forecast(name, paths, choice, targets));
    findings.add(
        snapshot(
            name,
            table.restorePoints().get(RecoveryPath.SNAPSHOT_IMPORT),
            settings.snapshotMaxAge(),
            now));
    findings.addAll(serviceWide);
    int earned = findings.stream().mapToInt(Finding::points).sum();
    int max = findings.stream().mapToInt(Finding::maxPoints).sum();
    return new TableScore(name, max == 0 ? 0 : (int) Math.round(100.0 * earned / max), findings);
  }

  /** The lowest table score; with no table, the service-wide findings' share. */
  public static int overall(List<TableScore> tables, List<Finding> serviceWide) {
    if (tables.isEmpty()) {
      int max = serviceWide.stream().mapToInt(Finding::maxPoints).sum();
      return max == 0
          ? 0
          : (int) Math.round(100.0 * serviceWide.stream().mapToInt(Finding::points).sum() / max);
    }
    return tables.stream().mapToInt(TableScore::score).min().orElse(0);
  }

  private static List<Finding> pitr(TableEvidence table, RecoveryTargets targets, Instant now) {
    String name = table.table();
    if (table.pitr().isEmpty()) {
      // one call answers both checks; each finding says which of its facts is missing
      return List.of(
          Finding.noEvidence(
              name,
              ReadinessCheck.PITR_ENABLED,
              "whether point-in-time recovery is enabled: continuous backups could not be read"),
          Finding.noEvidence(
              name,
              ReadinessCheck.PITR_RESTORE_LAG,
              "the restore lag: no latest restorable time, continuous backups could not be read"));
    }
    PitrStatus pitr = table.pitr().get();
    List<String> evidence = List.of(pitr.evidence());
    Finding enabled =
        Finding.of(
            name,
            ReadinessCheck.PITR_ENABLED,
            pitr.enabled(),
            pitr.enabled()
                ? "point-in-time recovery is enabled"
                : "point-in-time recovery is disabled",
            evidence);
    if (!pitr.enabled() || pitr.latestRestorableTime().isEmpty()) {
      return List.of(
          enabled,
          Finding.of(
              name,
              ReadinessCheck.PITR_RESTORE_LAG,
              false,
              pitr.enabled()
                  ? "no latest restorable time reported"
                  : "no restore lag: point-in-time recovery is disabled",
              evidence));
    }
    Duration lag = Duration.between(pitr.latestRestorableTime().get(), now);
    boolean ok = lag.compareTo(targets.rpo()) <= 0;
    return List.of(
        enabled,
        Finding.of(
            name,
            ReadinessCheck.PITR_RESTORE_LAG,
            ok,
            "latest restorable time is "
                + Durations.human(lag)
                + " behind"
                + (ok ? "" : ", over the " + Durations.human(targets.rpo()) + " RPO target"),
            evidence));
  }

  private static Finding maintenance(
      String table,
      ReadinessCheck check,
      String what,
      Optional<MaintenanceRun> last,
      Duration maxAge,
      Instant now) {
    if (last.isEmpty()) {
      return Finding.noEvidence(table, check, "no " + what + " on the log");
    }
    MaintenanceRun run = last.get();
    Duration age = Duration.between(run.endedAt(), now);
    boolean overdue = age.compareTo(maxAge) > 0;
    StringBuilder detail =
        new StringBuilder("last ")
            .append(what)
            .append(' ')
            .append(run.incidentId())
            .append(' ')
            .append(run.recovered() ? "recovered" : "failed")
            .append(", ")
            .append(Durations.human(age))
            .append(" ago");
    run.measuredRto()
        .ifPresent(rto -> detail.append(", measured RTO ").append(Durations.human(rto)));
    if (overdue) {
      detail.append(": overdue (every ").append(maxAge.toDays()).append(" days)");
    }
    return Finding.of(table, check, run.recovered() && !overdue, detail.toString(), run.eventIds());
  }

  private static List<Finding> forecast(
      String table, List<PathAssessment> paths, PathChoice choice, RecoveryTargets targets) {
    if (choice.path().isEmpty()) {
      return List.of(
          Finding.of(table, ReadinessCheck.FORECAST_RTO, false, choice.reason(), List.of()),
          Finding.of(table, ReadinessCheck.FORECAST_RPO, false, choice.reason(), List.of()));
    }
    PathAssessment chosen =
        paths.stream().filter(p -> p.path() == choice.path().get()).findFirst().orElseThrow();
    List<String> rtoEvidence = chosen.restore().evidenceEventIds();
    List<String> rpoEvidence =
        chosen.restorePoint().map(p -> List.of(p.evidence())).orElse(List.of());
    String by = " by " + chosen.path().label();
    return List.of(
        Finding.of(
            table,
            ReadinessCheck.FORECAST_RTO,
            chosen.meetsRto(),
            "forecast RTO "
                + Durations.human(chosen.rtoP90())
                + " at P90"
                + by
                + " ("
                + chosen.restore().basis()
                + "), target "
                + Durations.human(targets.rto()),
            rtoEvidence),
        Finding.of(
            table,
            ReadinessCheck.FORECAST_RPO,
            chosen.meetsRpo(),
            "forecast RPO "
                + Durations.human(chosen.rpo().orElseThrow())
                + by
                + ", target "
                + Durations.human(targets.rpo()),
            rpoEvidence));
  }

  private static Finding snapshot(String table, RestorePoint newest, Duration maxAge, Instant now) {
    if (newest == null) {
      return Finding.noEvidence(
          table, ReadinessCheck.SNAPSHOT_FRESHNESS, "no logical snapshot on the log");
    }
    Duration age = newest.age(now);
    boolean fresh = age.compareTo(maxAge) <= 0;
    return Finding.of(
        table,
        ReadinessCheck.SNAPSHOT_FRESHNESS,
        fresh,
        "newest logical snapshot is "
            + Durations.human(age)
            + " old"
            + (fresh ? "" : ", older than " + Durations.human(maxAge)),
        List.of(newest.evidence()));
  }
}
