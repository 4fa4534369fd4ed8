package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.BackupRestoreVerified;
import io.drautopilot.contracts.validation.VerifyBackupRestoreCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.config.RuleSets;
import io.drautopilot.validation.config.ValidationConfiguration.ExpectedKeySchema;
import io.drautopilot.validation.config.ValidationProperties;
import io.drautopilot.validation.domain.BackupVerifier;
import io.drautopilot.validation.domain.DataSources;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** VerifyBackupRestoreCommand: the scratch restore validated in full (default rules) and compared with its source. */
@Component
public class VerifyBackupRestoreHandler implements CommandHandler<VerifyBackupRestoreCommand> {

  private static final int MAX_KEYS = 20;

  private final DataSources sources;
  private final BackupVerifier verifier;
  private final RuleSets ruleSets;
  private final ExpectedKeySchema expected;
  private final ValidationProperties properties;
  private final Clock clock;

  public VerifyBackupRestoreHandler(
      DataSources sources,
      BackupVerifier verifier,
      RuleSets ruleSets,
      ExpectedKeySchema expected,
      ValidationProperties properties,
      Clock clock) {
    this.sources = sources;
    this.verifier = verifier;
    this.ruleSets = ruleSets;
    this.expected = expected;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Class<VerifyBackupRestoreCommand> commandType() {
    return VerifyBackupRestoreCommand.class;
  }

  @Override
  public BackupRestoreVerified handle(VerifyBackupRestoreCommand c, CommandContext context)
      throws Exception {
    long restoreMillis =
        Math.max(
            0, Duration.between(c.getRestoreStartedAt(), c.getRestoreCompletedAt()).toMillis());
    var report =
        verifier.verify(
            sources.table(c.getScratchTableName(), c.getRegion()),
            sources.table(c.getSourceTableName(), c.getRegion()),
            expected.elements(),
            properties.scanSegments(),
            ruleSets.find("default").orElseThrow(),
            MAX_KEYS,
            restoreMillis,
            Progress.of(context, clock));
    return ReportRecords.backupRestoreVerified(report);
  }
}
