package io.drautopilot.readiness;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the recovery path: among the paths with a restore point whose data loss is within the RPO
 * target, the one with the smallest forecast RTO at P90; when none is within the RPO, the one that loses
 * least data. Ties on the forecast go to the smaller data loss, then the smaller P50, then the order of
 * {@link RecoveryPath}.
 *
 * <p>No I/O and no clock: the same assessments give the same choice, so the choice can be replayed
 * (the runbook step {@code restore.chooseRecoveryPath} calls it with the restore points it found).
 */
public final class PathChooser {

  private static final Comparator<PathAssessment> BY_FORECAST =
      Comparator.comparing(PathAssessment::rtoP90)
          .thenComparing(a -> a.rpo().orElseThrow())
          .thenComparing(PathAssessment::rtoP50)
          .thenComparing(PathAssessment::path);

  private static final Comparator<PathAssessment> BY_DATA_LOSS =
      Comparator.comparing((PathAssessment a) -> a.rpo().orElseThrow())
          .thenComparing(PathAssessment::rtoP90)
          .thenComparing(PathAssessment::path);

  private PathChooser() {}

  /** The readiness assessment's choice: the paths are compared on the whole runbook's forecast RTO. */
  public static PathChoice choose(List<PathAssessment> assessments, RecoveryTargets targets) {
    return choose(assessments, targets, "forecast RTO");
  }

  /**
   * @param compared how the reason names the compared P90: {@code "forecast RTO"} when the assessments'
   *     RTO covers the whole runbook, {@code "forecast"} when it is the restore alone (the runbook step:
   *     the incident is detected, and the steps around the restore are the same whichever path runs)
   */
  public static PathChoice choose(
      List<PathAssessment> assessments, RecoveryTargets targets, String compared) {
    List<PathAssessment> available =
        assessments.stream().filter(PathAssessment::available).sorted(BY_FORECAST).toList();
    if (available.isEmpty()) {
      return new PathChoice(
          Optional.empty(),
          false,
          "no path has a restore point"
              + assessments.stream()
                  .flatMap(
                      a ->
                          a.reasons().stream()
                              .filter(r -> r.startsWith("no restore point"))
                              .map(
                                  r ->
                                      a.path().label()
                                          + ": "
                                          + r.substring("no restore point: ".length())))
                  .collect(Collectors.joining("; ", " (", ")")));
    }
    String forecasts =
        compared
            + " "
            + available.stream()
                .map(a -> Durations.human(a.rtoP90()) + " by " + a.path().label())
                .collect(Collectors.joining(", "));
    List<PathAssessment> withinRpo = available.stream().filter(PathAssessment::meetsRpo).toList();
    if (!withinRpo.isEmpty()) {
      PathAssessment chosen = withinRpo.get(0);
      StringBuilder reason =
          new StringBuilder(forecasts).append(": chose ").append(chosen.path().label());
      if (withinRpo.size() > 1 && withinRpo.get(1).rtoP90().equals(chosen.rtoP90())) {
        reason
            .append(" (tied with ")
            .append(withinRpo.get(1).path().label())
            .append(" on the forecast; ")
            .append(
                chosen.rpo().get().equals(withinRpo.get(1).rpo().get())
                    ? "preferred path"
                    : "less data loss")
            .append(')');
      }
      String excluded =
          available.stream()
              .filter(a -> !a.meetsRpo())
              .map(a -> a.path().label() + " (" + Durations.human(a.rpo().get()) + " of data loss)")
              .collect(Collectors.joining(", "));
      if (!excluded.isEmpty()) {
        reason
            .append("; over the ")
            .append(Durations.human(targets.rpo()))
            .append(" RPO: ")
            .append(excluded);
      }
      return new PathChoice(Optional.of(chosen.path()), true, reason.toString());
    }
    PathAssessment leastLoss = available.stream().sorted(BY_DATA_LOSS).findFirst().orElseThrow();
    Duration loss = leastLoss.rpo().orElseThrow();
    return new PathChoice(
        Optional.of(leastLoss.path()),
        false,
        forecasts
            + "; no path keeps data loss within the "
            + Durations.human(targets.rpo())
            + " RPO target: chose "
            + leastLoss.path().label()
            + ", the least data loss ("
            + Durations.human(loss)
            + ")");
  }
}
