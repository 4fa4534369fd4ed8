package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.ChooseRecoveryPathCommand;
import io.drautopilot.contracts.restore.RecoveryPathCandidate;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.RecoveryFloors;
import io.drautopilot.readiness.TableSize;
import io.drautopilot.restore.adapter.aws.RestorePointFinder;
import io.drautopilot.restore.adapter.aws.TableSizes;
import io.drautopilot.restore.domain.LatestForecasts;
import io.drautopilot.restore.domain.RecoveryPathDecision;
import io.drautopilot.restore.domain.RecoveryPathDecision.Candidate;
import io.drautopilot.restore.domain.RecoveryPathDecision.TableForecast;
import io.drautopilot.restore.domain.RestorePoint;
import java.time.Duration;
import java.util.Optional;

/**
 * ChooseRecoveryPathCommand -> {@link RecoveryPathDecision#decide}: every restore point the finder's
 * sources offer, the table's latest forecast (else the size DescribeTable reports, for the AWS floors),
 * and the choice. The reason is the result's {@code reason} and the last progress report, so the timeline
 * shows it as the step ends.
 */
public class ChooseRecoveryPathHandler implements CommandHandler<ChooseRecoveryPathCommand> {

  private final RestorePointFinder finder;
  private final LatestForecasts forecasts;
  private final TableSizes sizes;
  private final RecoveryFloors floors;

  public ChooseRecoveryPathHandler(
      RestorePointFinder finder,
      LatestForecasts forecasts,
      TableSizes sizes,
      RecoveryFloors floors) {
    this.finder = finder;
    this.forecasts = forecasts;
    this.sizes = sizes;
    this.floors = floors;
  }

  @Override
  public Class<ChooseRecoveryPathCommand> commandType() {
    return ChooseRecoveryPathCommand.class;
  }

  @Override
  public RecoveryPathChosen handle(ChooseRecoveryPathCommand command, CommandContext context) {
    RestorePointFinder.Query query =
        new RestorePointFinder.Query(
            command.getTableName(),
            command.getRegion(),
            command.getNotAfter(),
            command.getBackupVaultName(),
            command.getVaultRegion(),
            command.getSnapshotLocation());
    RestorePointFinder.Candidates found = finder.candidates(query);
    Optional<TableForecast> forecast = forecasts.of(command.getTableName());
    TableSize size =
        forecast.isPresent()
            ? TableSize.UNKNOWN
            : sizes.of(command.getTableName(), command.getRegion());
    RecoveryPathDecision.Decision decision =
        RecoveryPathDecision.decide(
            found.points(),
            found.seen(),
            found.otherRegion(),
            command.getNotAfter(),
            Duration.ofSeconds(command.getRpoTargetSeconds()),
            forecast,
            size,
            floors);
    context.progress().listener().progress(1, 1L, null, decision.reason());

    Candidate chosen = decision.chosen();
    RestorePoint point = chosen.point().orElseThrow();
    PathAssessment assessment = chosen.assessment();
    return RecoveryPathChosen.newBuilder()
        .setKind(RestorePointKind.valueOf(point.kind().name()))
        .setRestorePointTime(point.pointInTime())
        .setRecoveryPointArn(point.recoveryPointArn())
        .setSnapshotLocation(point.snapshotLocation())
        .setPath(chosen.path().label())
        .setReason(decision.reason())
        .setMeetsRpo(decision.meetsRpo())
        .setRpoTargetSeconds(command.getRpoTargetSeconds())
        .setDataLossSeconds(assessment.rpo().orElseThrow().toSeconds())
        .setForecastP50Seconds(assessment.restore().p50().toSeconds())
        .setForecastP90Seconds(assessment.restore().p90().toSeconds())
        .setForecastBasis(assessment.restore().basis())
        .setForecastEventId(decision.forecastEventId().orElse(null))
        .setCandidates(
            decision.candidates().stream().map(ChooseRecoveryPathHandler::candidate).toList())
        .build();
  }

  private static RecoveryPathCandidate candidate(Candidate c) {
    PathAssessment a = c.assessment();
    return RecoveryPathCandidate.newBuilder()
        .setPath(c.path().label())
        .setKind(RestorePointKind.valueOf(c.kind().name()))
        .setAvailable(a.available())
        .setRestorePointTime(c.point().map(RestorePoint::pointInTime).orElse(null))
        .setDataLossSeconds(a.rpo().map(Duration::toSeconds).orElse(null))
        .setMeetsRpo(a.meetsRpo())
        .setForecastP50Seconds(a.restore().p50().toSeconds())
        .setForecastP90Seconds(a.restore().p90().toSeconds())
        .setForecastBasis(a.restore().basis())
        .setRuns(a.restore().runs())
        .setNotes(a.reasons())
        .build();
  }
}
