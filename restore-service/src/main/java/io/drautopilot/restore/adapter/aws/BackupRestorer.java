package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.Polling;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.domain.RecoveryTargetPolicy;
import io.drautopilot.restore.domain.RecoveryTargetPolicy.TargetState;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * RestoreFromBackup (runbook scenario 1 step 4, monthly backup verification): AWS Backup
 * StartRestoreJob with the command's idempotency key as token, then DescribeRestoreJob until it is
 * COMPLETED, with progress. A redelivered command sends the same token, so AWS Backup hands back the
 * job already started instead of starting a second restore. A completed job counts only when its
 * table is still there and is the one it created.
 */
public class BackupRestorer {

  /** The finished restore job. */
  public record Restored(
      String tableName, String restoreJobId, String createdResourceArn, Duration duration) {}

  private final AwsBackupApi backup;
  private final RegionalClients<DynamoDbClient> dynamo;
  private final Duration pollInterval;
  private final Duration timeout;

  public BackupRestorer(
      AwsBackupApi backup,
      RegionalClients<DynamoDbClient> dynamo,
      Duration pollInterval,
      Duration timeout) {
    this.backup = backup;
    this.dynamo = dynamo;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  public Restored restore(
      String recoveryPointArn,
      String targetTable,
      String region,
      String iamRoleArn,
      String idempotencyToken,
      boolean redelivered,
      ProgressListener progress) {
    long started = System.nanoTime();
    boolean exists = tableExists(region, targetTable);
    // only the same command, redelivered, may find its own target already there (its job created
    // it)
    RecoveryTargetPolicy.check(
        null,
        targetTable,
        !exists
            ? TargetState.ABSENT
            : redelivered ? TargetState.CREATED_BY_THIS_RESTORE : TargetState.HOLDS_OTHER_DATA);

    String jobId =
        backup.startRestoreJob(recoveryPointArn, iamRoleArn, targetTable, region, idempotencyToken);
    AtomicReference<String> status = new AtomicReference<>();
    AwsBackupApi.RestoreJob completed;
    try {
      completed =
          Polling.SYSTEM.until(
              "restore job " + jobId + " COMPLETED",
              timeout,
              pollInterval,
              () -> {
                AwsBackupApi.RestoreJob job = backup.describeRestoreJob(jobId, region);
                status.set(job.status());
                long percent = job.percentDone() == null ? 0 : Math.round(job.percentDone());
                progress.progress(percent, 100L, null, "restore job " + jobId + " " + job.status());
                return switch (job.status()) {
                  case "COMPLETED" -> Optional.of(job);
                  case "ABORTED", "FAILED" ->
                      throw new RestoreRefusedException(
                          "RestoreJobFailed",
                          "restore job " + jobId + " " + job.status() + ": " + job.statusMessage());
                  default -> Optional.empty();
                };
              });
    } catch (Polling.TimedOut e) {
      throw new RestoreRefusedException(
          "RestoreJobTimedOut",
          "restore job " + jobId + " still " + status.get() + " after " + timeout,
          true);
    }
    verifyTableIsTheJobs(completed, targetTable, region);
    return new Restored(
        targetTable,
        jobId,
        completed.createdResourceArn(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * The same token hands back a job that completed long ago, also when the table it created has since
   * been deleted, or deleted and created again by someone else. A completed job is reported only when
   * its table is there and was created while the job ran.
   */
  private void verifyTableIsTheJobs(
      AwsBackupApi.RestoreJob job, String targetTable, String region) {
    TableDescription table;
    try {
      table = dynamo.forRegion(region).describeTable(b -> b.tableName(targetTable)).table();
    } catch (ResourceNotFoundException e) {
      throw new RestoreRefusedException(
          "RestoredTableGone",
          "restore job "
              + job.restoreJobId()
              + " completed, but "
              + "its table "
              + targetTable
              + " no longer exists in "
              + region
              + ": nothing was restored by this command; "
              + "restore again with a new command (a new idempotency token)");
    }
    Instant created = table.creationDateTime();
    // the table is created by the job, so it cannot be older than the job nor newer than its
    // completion
    Duration slack = Duration.ofMinutes(1);
    boolean during =
        created == null
            || (job.creationDate() == null || !created.isBefore(job.creationDate().minus(slack)))
                && (job.completionDate() == null
                    || !created.isAfter(job.completionDate().plus(slack)));
    if (!during) {
      throw new RestoreRefusedException(
          "TargetTableNotRecoveryTarget",
          "table "
              + targetTable
              + " was created at "
              + created
              + ", not by restore job "
              + job.restoreJobId()
              + " (ran "
              + job.creationDate()
              + " to "
              + job.completionDate()
              + "): refusing to report it as restored");
    }
  }

  private boolean tableExists(String region, String table) {
    try {
      dynamo.forRegion(region).describeTable(b -> b.tableName(table));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }
}
