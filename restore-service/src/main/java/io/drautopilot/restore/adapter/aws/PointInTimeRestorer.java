package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.domain.RecoveryTargetPolicy;
import io.drautopilot.restore.domain.RecoveryTargetPolicy.TargetState;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * RestoreTableToPointInTime (runbook scenario 2 step 3): check the PITR window, restore into the
 * recovery table, wait for ACTIVE with progress, then re-apply what AWS documents a restore does not
 * carry over: point-in-time recovery itself, TTL, tags (auto scaling is re-applied by
 * ConfigureAutoScaling, a runbook step of its own).
 *
 * <p>RestoreTableToPointInTime has no client token, so it checks before acting: a target table that
 * already exists and whose RestoreSummary says it is this restore (same source, same time) is waited
 * for, not restored again; any other existing target is refused.
 */
public class PointInTimeRestorer {

  /** The recovery table, ACTIVE, and what was re-applied to it. */
  public record Restored(
      String tableName,
      String tableArn,
      Long itemCount,
      Instant restoredTo,
      boolean resumed,
      List<String> reappliedSettings,
      Duration duration) {}

  private final RegionalClients<DynamoDbClient> dynamo;
  private final Duration pollInterval;
  private final Duration timeout;

  public PointInTimeRestorer(
      RegionalClients<DynamoDbClient> dynamo, Duration pollInterval, Duration timeout) {
    this.dynamo = dynamo;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  public Restored restore(
      String source, String target, String region, Instant point, ProgressListener progress) {
    long started = System.nanoTime();
    DynamoDbClient client = dynamo.forRegion(region);
    TableDescription existing = describe(client, target);
    boolean ours = existing != null && isThisRestore(existing.restoreSummary(), source, point);
    RecoveryTargetPolicy.check(
        source,
        target,
        existing == null
            ? TargetState.ABSENT
            : ours ? TargetState.CREATED_BY_THIS_RESTORE : TargetState.HOLDS_OTHER_DATA);

    if (!ours) {
      PointInTimeRecoveryDescription pitr =
          client
              .describeContinuousBackups(b -> b.tableName(source))
              .continuousBackupsDescription()
              .pointInTimeRecoveryDescription();
      if (pitr == null || pitr.pointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED) {
        throw new RestoreRefusedException(
            "PointInTimeRecoveryNotEnabled", "point-in-time recovery is not enabled on " + source);
      }
      if (point.isBefore(pitr.earliestRestorableDateTime())
          || point.isAfter(pitr.latestRestorableDateTime())) {
        throw new RestoreRefusedException(
            "RestorePointOutsideWindow",
            point
                + " is outside the PITR window of "
                + source
                + " ["
                + pitr.earliestRestorableDateTime()
                + ", "
                + pitr.latestRestorableDateTime()
                + "]");
      }
      client.restoreTableToPointInTime(
          b -> b.sourceTableName(source).targetTableName(target).restoreDateTime(point));
      progress.progress(
          0, null, null, "restore of " + source + " to " + point + " into " + target + " started");
    } else {
      progress.progress(
          0, null, null, target + " is already being restored from " + source + ": waiting for it");
    }
    TableDescription active =
        TableWaits.untilActive(
            client,
            target,
            pollInterval,
            timeout,
            t -> progress.progress(0, null, null, target + " is " + t.tableStatusAsString()));

    List<String> reapplied = reapplySettings(client, source, active);
    return new Restored(
        target,
        active.tableArn(),
        active.itemCount(),
        point,
        ours,
        reapplied,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** What a restore does not carry over (AWS: "Restoring a DynamoDB table to a point in time"). */
  private List<String> reapplySettings(
      DynamoDbClient client, String source, TableDescription target) {
    List<String> reapplied = new ArrayList<>();
    client.updateContinuousBackups(
        b ->
            b.tableName(target.tableName())
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    reapplied.add("PITR");

    TimeToLiveDescription ttl =
        client.describeTimeToLive(b -> b.tableName(source)).timeToLiveDescription();
    if (ttl != null
        && ttl.attributeName() != null
        && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
            || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING)) {
      TimeToLiveDescription targetTtl =
          client.describeTimeToLive(b -> b.tableName(target.tableName())).timeToLiveDescription();
      if (targetTtl == null || targetTtl.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
        client.updateTimeToLive(
            b ->
                b.tableName(target.tableName())
                    .timeToLiveSpecification(
                        s -> s.attributeName(ttl.attributeName()).enabled(true)));
      }
      reapplied.add("TTL");
    }

    String sourceArn = client.describeTable(b -> b.tableName(source)).table().tableArn();
    List<Tag> tags = client.listTagsOfResource(b -> b.resourceArn(sourceArn)).tags();
    if (!tags.isEmpty()) {
      client.tagResource(b -> b.resourceArn(target.tableArn()).tags(tags));
      reapplied.add("tags");
    }
    return reapplied;
  }

  private static boolean isThisRestore(RestoreSummary summary, String source, Instant point) {
    return summary != null
        && summary.sourceTableArn() != null
        && summary.sourceTableArn().endsWith(":table/" + source)
        && point.equals(summary.restoreDateTime());
  }

  private static TableDescription describe(DynamoDbClient client, String table) {
    try {
      return client.describeTable(b -> b.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }
}
