package io.drautopilot.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One path for one table: its duration forecast, the forecast RTO of the whole runbook by it, the RPO
 * its newest restore point gives, whether both meet the targets, and why not.
 *
 * @param restorePoint empty when the path has nothing to restore from (then it is not available)
 * @param rpo the age of that restore point now
 */
public record PathAssessment(
    RecoveryPath path,
    DurationForecast restore,
    Duration rtoP50,
    Duration rtoP90,
    Optional<RestorePoint> restorePoint,
    Optional<Duration> rpo,
    boolean meetsRto,
    boolean meetsRpo,
    List<String> reasons) {

  public PathAssessment {
    reasons = List.copyOf(reasons);
  }

  public boolean available() {
    return restorePoint.isPresent();
  }

  public boolean meetsTargets() {
    return available() && meetsRto && meetsRpo;
  }

  /**
   * Judges a path: RTO = detection + steps before + restore + steps after (a failover has no restore
   * steps around it: detection + failover), each at P50 for the RTO's P50 and at P90 for its P90 (a
   * conservative sum: the slow runs of each stage need not coincide). The P90 is what meets or misses
   * the RTO target.
   *
   * @param unavailableReason why there is no restore point, when {@code point} is empty
   */
  public static PathAssessment assess(
      DurationForecast restore,
      RunbookStages stages,
      Optional<RestorePoint> point,
      String unavailableReason,
      RecoveryTargets targets,
      Instant now) {
    RecoveryPath path = restore.path();
    Duration p50 = stages.detection().p50().plus(restore.p50());
    Duration p90 = stages.detection().p90().plus(restore.p90());
    if (path.isRestore()) {
      p50 = p50.plus(stages.beforeRestore().p50()).plus(stages.afterRestore().p50());
      p90 = p90.plus(stages.beforeRestore().p90()).plus(stages.afterRestore().p90());
    }
    List<String> reasons = new ArrayList<>();
    boolean meetsRto = p90.compareTo(targets.rto()) <= 0;
    if (!meetsRto) {
      if (restore.p50().compareTo(targets.rto()) > 0) {
        reasons.add(
            "the "
                + path.label()
                + " alone takes "
                + Durations.human(restore.p50())
                + " at P50 ("
                + restore.basis()
                + "), over the "
                + Durations.human(targets.rto())
                + " RTO target");
      } else {
        reasons.add(
            "forecast RTO "
                + Durations.human(p90)
                + " at P90 (detection "
                + Durations.human(stages.detection().p90())
                + (path.isRestore()
                    ? " + steps before " + Durations.human(stages.beforeRestore().p90())
                    : "")
                + " + "
                + path.label()
                + " "
                + Durations.human(restore.p90())
                + (path.isRestore()
                    ? " + steps after " + Durations.human(stages.afterRestore().p90())
                    : "")
                + "), over the "
                + Durations.human(targets.rto())
                + " RTO target");
      }
    }
    Optional<Duration> rpo = point.map(p -> p.age(now));
    boolean meetsRpo = rpo.map(r -> r.compareTo(targets.rpo()) <= 0).orElse(false);
    if (point.isEmpty()) {
      reasons.add("no restore point: " + unavailableReason);
    } else if (!meetsRpo) {
      reasons.add(
          "newest restore point is "
              + Durations.human(rpo.get())
              + " old, over the "
              + Durations.human(targets.rpo())
              + " RPO target");
    }
    return new PathAssessment(path, restore, p50, p90, point, rpo, meetsRto, meetsRpo, reasons);
  }
}
