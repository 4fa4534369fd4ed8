package io.drautopilot.notifier.domain.report;

import java.time.Duration;

/** What the report measures against: the runbook's RTO 15 min and RPO 5 min, and the maintenance targets. */
public record ReportTargets(
    Duration rto, Duration rpo, Duration backupRestore, Duration drillRecovery) {

  public static final ReportTargets RUNBOOK =
      new ReportTargets(
          Duration.ofMinutes(15),
          Duration.ofMinutes(5),
          Duration.ofSeconds(900),
          Duration.ofSeconds(900));
}
