package io.drautopilot.readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * The newest point a path can restore to: PITR's latest restorable time, the newest AWS Backup
 * recovery point or logical snapshot, or "now" less the replication lag for a failover.
 *
 * @param evidence the event id it comes from, or the AWS read ({@code DescribeContinuousBackups:<table>@<time>})
 */
public record RestorePoint(RecoveryPath path, Instant time, String evidence) {

  /** The data a recovery to this point would lose, were the incident now. */
  public Duration age(Instant now) {
    Duration age = Duration.between(time, now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
