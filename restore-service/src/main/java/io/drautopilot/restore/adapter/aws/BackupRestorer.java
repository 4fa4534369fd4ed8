package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.domain.ProgressListener;
import io.drautopilot.restore.domain.RecoveryTargetPolicy;
import io.drautopilot.restore.domain.RecoveryTargetPolicy.TargetState;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * RestoreFromBackup (runbook scenario 1 step 4, monthly backup verification): AWS Backup
 * StartRestoreJob with the command's idempotency key as token, then DescribeRestoreJob until it is
 * COMPLETED, with progress. A redelivered command sends the same token, so AWS Backup hands back the
 * job already started instead of starting a second restore.
 */
public class BackupRestorer {

  /** The finished restore job. */
  public record Restored(String tableName, String restoreJobId, String createdResourceArn, Duration duration) {}

  private final AwsBackupApi backup;
  private final RegionalClients<DynamoDbClient> dynamo;
  private final Duration pollInterval;
  private final Duration timeout;

  public BackupRestorer(AwsBackupApi backup, RegionalClients<DynamoDbClient> dynamo, Duration pollInterval,
                        Duration timeout) {
    this.backup = backup;
    this.dynamo = dynamo;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  public Restored restore(String recoveryPointArn, String targetTable, String region, String iamRoleArn,
                          String idempotencyToken, boolean redelivered, ProgressListener progress) {
    long started = System.nanoTime();
    boolean exists = tableExists(region, targetTable);
    // only the same command, redelivered, may find its own target already there (its job created it)
    RecoveryTargetPolicy.check(null, targetTable, !exists ? TargetState.ABSENT
        : redelivered ? TargetState.CREATED_BY_THIS_RESTORE : TargetState.HOLDS_OTHER_DATA);

    String jobId = backup.startRestoreJob(recoveryPointArn, iamRoleArn, targetTable, region, idempotencyToken);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      AwsBackupApi.RestoreJob job = backup.describeRestoreJob(jobId, region);
      long percent = job.percentDone() == null ? 0 : Math.round(job.percentDone());
      progress.progress(percent, 100L, null, "restore job " + jobId + " " + job.status());
      switch (job.status()) {
        case "COMPLETED" -> {
          return new Restored(targetTable, jobId, job.createdResourceArn(), Duration.ofNanos(System.nanoTime() - started));
        }
        case "ABORTED", "FAILED" -> throw new RestoreRefusedException("RestoreJobFailed",
            "restore job " + jobId + " " + job.status() + ": " + job.statusMessage());
        default -> {
          if (System.nanoTime() > deadline) {
            throw new RestoreRefusedException("RestoreJobTimedOut", "restore job " + jobId + " still " + job.status()
                + " after " + timeout, true);
          }
          TableSnapshotImporter.sleep(pollInterval);
        }
      }
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
