package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.domain.RestorePointChooser.RecoveryPoint;
import java.util.List;

/** AWS Backup recovery points of a table: by vault (cross-region copies too) and by resource. */
public interface BackupRecoveryPoints {

  /** Recovery points in a vault whose source resource is {@code tableName}. */
  List<RecoveryPoint> inVault(String vaultName, String vaultRegion, String tableName);

  /** Recovery points of one resource (the table ARN). */
  List<RecoveryPoint> ofResource(String resourceArn, String region);
}
