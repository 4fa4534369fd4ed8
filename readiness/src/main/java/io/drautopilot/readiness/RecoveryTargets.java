package io.drautopilot.readiness;

import java.time.Duration;

/** The recovery objectives forecasts are judged against. */
public record RecoveryTargets(Duration rto, Duration rpo) {

  /** The seed runbook's: RTO 15 minutes, RPO 5 minutes. */
  public static final RecoveryTargets SEED =
      new RecoveryTargets(Duration.ofMinutes(15), Duration.ofMinutes(5));
}
