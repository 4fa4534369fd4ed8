package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.restore.domain.RestorePoint;
import io.drautopilot.restore.domain.RestorePointChooser;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/**
 * FindRestorePoint: the runbook's "identify latest good backup". It looks at every kind of restore
 * point it can reach and chooses the one with the least data loss at or before the impact start
 * ({@link RestorePointChooser#leastDataLoss}):
 *
 * <ul>
 *   <li>the PITR window of the table (DescribeContinuousBackups);
 *   <li>the table's AWS Backup recovery points (ListRecoveryPointsByResource);
 *   <li>{@code backupVaultName} given: the vault's recovery points of the table
 *       (ListRecoveryPointsByBackupVault, in {@code vaultRegion} for a cross-region copy);
 *   <li>{@code snapshotLocation} given: the latest complete logical snapshot there.
 * </ul>
 *
 * <p>With a vault in another region (scenario 1: the table's region is the one that failed) only what
 * can be restored outside the table's region counts: the vault and logical snapshots.
 *
 * <p>A source that answers with a retryable error fails the lookup (retrying may find a better point);
 * one that cannot serve at all (PITR not supported, access denied) is noted and the others are chosen
 * from; when no source could be read at all, the first such error is the failure.
 */
public class RestorePointFinder {

  /**
   * What to look for.
   *
   * @param kind only restore points of this kind (the monthly backup verification tests AWS Backup
   *     itself, not whichever point loses least), or null for any
   */
  public record Query(
      String tableName,
      String region,
      Instant notAfter,
      String backupVaultName,
      String vaultRegion,
      String snapshotLocation,
      RestorePoint.Kind kind) {

    public Query(
        String tableName,
        String region,
        Instant notAfter,
        String backupVaultName,
        String vaultRegion,
        String snapshotLocation) {
      this(tableName, region, notAfter, backupVaultName, vaultRegion, snapshotLocation, null);
    }
  }

  /** The chosen point and why: every source looked at and what it offered. */
  public record Choice(RestorePoint point, String reason) {}

  private static final Logger log = LoggerFactory.getLogger(RestorePointFinder.class);

  private final RegionalClients<DynamoDbClient> dynamo;
  private final LogicalSnapshots snapshots;
  private final BackupRecoveryPoints backups;

  public RestorePointFinder(
      RegionalClients<DynamoDbClient> dynamo,
      LogicalSnapshots snapshots,
      BackupRecoveryPoints backups) {
    this.dynamo = dynamo;
    this.snapshots = snapshots;
    this.backups = backups;
  }

  public RestorePoint find(Query q) {
    return choose(q).point();
  }

  /**
   * Every restore point the sources offer, newest of each source, and what each source said: the
   * candidates {@link #choose} picks from, and {@code restore.chooseRecoveryPath} weighs against their
   * forecasts.
   *
   * @param otherRegion the restore is for the vault's region, not the table's (only the vault and logical
   *     snapshots were looked at)
   */
  public record Candidates(List<RestorePoint> points, List<String> seen, boolean otherRegion) {

    public Candidates {
      points = List.copyOf(points);
      seen = List.copyOf(seen);
    }
  }

  public Choice choose(Query q) {
    Candidates found = candidates(q);
    List<RestorePoint> candidates = new ArrayList<>(found.points());
    List<String> seen = new ArrayList<>(found.seen());
    if (q.kind() != null) {
      candidates.removeIf(c -> c.kind() != q.kind());
      seen.add("only " + q.kind() + " asked for");
    }
    Optional<RestorePoint> chosen = RestorePointChooser.leastDataLoss(candidates, q.notAfter());
    if (chosen.isEmpty()) {
      throw noRestorePoint(q, seen);
    }
    RestorePoint point = chosen.get();
    String reason =
        "chose "
            + point.kind()
            + " at "
            + point.pointInTime()
            + " (least data loss before "
            + q.notAfter()
            + "); considered: "
            + String.join("; ", seen);
    log.info("Restore point of {}: {}", q.tableName(), reason);
    return new Choice(point, reason);
  }

  /** The refusal when no source offers a point at or before {@code notAfter}. */
  public static RestoreRefusedException noRestorePoint(Query q, List<String> seen) {
    return new RestoreRefusedException(
        "NoRestorePoint",
        "no restore point of "
            + q.tableName()
            + " at or before "
            + q.notAfter()
            + ": "
            + String.join("; ", seen));
  }

  /**
   * Looks at every source. When no source could be read at all, the first such error is thrown: that is
   * the failure, not an absence of restore points.
   */
  public Candidates candidates(Query q) {
    List<RestorePoint> candidates = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<SdkException> unusable = new ArrayList<>();
    String vaultRegion = given(q.vaultRegion()) ? q.vaultRegion() : q.region();
    boolean vault = given(q.backupVaultName()) && backups != null;
    boolean otherRegion = vault && !vaultRegion.equals(q.region());

    if (!otherRegion) {
      look("PITR", seen, unusable, () -> pointInTime(q)).ifPresent(candidates::add);
      if (backups != null) {
        look(
                "AWS Backup (table)",
                seen,
                unusable,
                () ->
                    tableArn(q)
                        .flatMap(arn -> latestBackup(backups.ofResource(arn, q.region()), q)))
            .ifPresent(candidates::add);
      }
    }
    if (vault) {
      look(
              "AWS Backup vault " + q.backupVaultName() + " (" + vaultRegion + ")",
              seen,
              unusable,
              () ->
                  latestBackup(backups.inVault(q.backupVaultName(), vaultRegion, q.tableName()), q))
          .ifPresent(candidates::add);
    }
    if (given(q.snapshotLocation()) && snapshots != null) {
      look(
              "logical snapshots in " + q.snapshotLocation(),
              seen,
              unusable,
              () ->
                  snapshots
                      .latest(q.snapshotLocation(), q.tableName(), q.notAfter())
                      .map(
                          s ->
                              new RestorePoint(
                                  RestorePoint.Kind.LOGICAL_SNAPSHOT,
                                  s.manifest().takenAt(),
                                  s.snapshot().uri(),
                                  null,
                                  null)))
          .ifPresent(candidates::add);
    }
    if (!unusable.isEmpty() && unusable.size() == seen.size()) {
      throw unusable.get(0);
    }
    if (otherRegion) {
      seen.add(
          "PITR and the table's own backups: not considered, the restore is for " + vaultRegion);
    }
    return new Candidates(candidates, seen, otherRegion);
  }

  private static boolean given(String s) {
    return s != null && !s.isBlank();
  }

  /** One source: its newest point, or a note of why it offered none. */
  private static Optional<RestorePoint> look(
      String source,
      List<String> seen,
      List<SdkException> unusable,
      Supplier<Optional<RestorePoint>> lookup) {
    try {
      Optional<RestorePoint> found = lookup.get();
      seen.add(source + ": " + found.map(p -> p.kind() + " at " + p.pointInTime()).orElse("none"));
      return found;
    } catch (NotOffered e) {
      seen.add(source + ": " + e.getMessage());
      return Optional.empty();
    } catch (SdkException e) {
      var failure = AwsFailures.of(e);
      if (failure.getRetryable()) {
        throw e;
      }
      seen.add(source + ": unavailable (" + failure.getCode() + ")");
      unusable.add(e);
      return Optional.empty();
    }
  }

  private Optional<RestorePoint> pointInTime(Query q) {
    ContinuousBackupsDescription backupsDescription;
    try {
      backupsDescription =
          dynamo
              .forRegion(q.region())
              .describeContinuousBackups(b -> b.tableName(q.tableName()))
              .continuousBackupsDescription();
    } catch (TableNotFoundException | ResourceNotFoundException e) {
      throw new NotOffered("no table " + q.tableName() + " in " + q.region());
    }
    PointInTimeRecoveryDescription pitr = backupsDescription.pointInTimeRecoveryDescription();
    if (pitr == null || pitr.pointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED) {
      throw new NotOffered("not enabled");
    }
    Optional<RestorePoint> point =
        RestorePointChooser.pointInTime(
                pitr.earliestRestorableDateTime(), pitr.latestRestorableDateTime(), q.notAfter())
            .map(
                t ->
                    new RestorePoint(
                        RestorePoint.Kind.PITR,
                        t,
                        null,
                        pitr.earliestRestorableDateTime(),
                        pitr.latestRestorableDateTime()));
    if (point.isEmpty()) {
      throw new NotOffered(
          "window ["
              + pitr.earliestRestorableDateTime()
              + ", "
              + pitr.latestRestorableDateTime()
              + "] starts after it");
    }
    return point;
  }

  private Optional<String> tableArn(Query q) {
    try {
      return Optional.of(
          dynamo
              .forRegion(q.region())
              .describeTable(b -> b.tableName(q.tableName()))
              .table()
              .tableArn());
    } catch (ResourceNotFoundException e) {
      throw new NotOffered("no table " + q.tableName() + " in " + q.region());
    }
  }

  /** A source that has no point to offer, and says why. */
  private static final class NotOffered extends RuntimeException {
    NotOffered(String why) {
      super(why, null, false, false);
    }
  }

  private static Optional<RestorePoint> latestBackup(
      List<RestorePointChooser.RecoveryPoint> points, Query q) {
    return RestorePointChooser.latestRecoveryPoint(points, q.notAfter())
        .map(
            p ->
                new RestorePoint(
                    RestorePoint.Kind.AWS_BACKUP, p.pointInTime(), p.arn(), null, null));
  }
}
