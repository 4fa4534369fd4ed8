package io.drautopilot.restore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.readiness.AssessmentTrigger;
import io.drautopilot.contracts.readiness.PathForecast;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.contracts.readiness.RecoveryPath;
import io.drautopilot.contracts.readiness.TableReadiness;
import io.drautopilot.contracts.restore.ChooseRecoveryPathCommand;
import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.restore.adapter.aws.TestTables;
import io.drautopilot.restore.domain.LatestForecasts;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * restore.chooseRecoveryPath in the sandbox: a logical snapshot exported by command, the table's forecast
 * published by readiness-service's contract on its compacted topic, the choice returned as a typed result.
 */
class RecoveryPathCommandsIT extends RestoreServiceITBase {

  final DynamoDbClient primary = Dynalite.shared("primary").client();
  @Autowired LatestForecasts forecasts;

  @Test
  void shouldChooseTheSnapshotImportByTheTablesForecastAndKeepTheChoiceWhenTheCommandIsRedelivered()
      throws Exception {
    // given a table with a logical snapshot and readiness' forecast of the import from three
    // earlier runs
    String table = "path-entities";
    String location = exportedSnapshot(table);
    String assessment =
        publishAssessment(table, Instant.now().minusSeconds(60), 240, 360, "history (3 runs)", 3);
    awaitForecast(table, assessment);

    // when the path is chosen
    ChooseRecoveryPathCommand command =
        ChooseRecoveryPathCommand.newBuilder()
            .setMetadata(commandMetadata("inc-path", "choose-recovery-path"))
            .setTableName(table)
            .setRegion("us-east-1")
            .setNotAfter(Instant.now().plusSeconds(1))
            .setSnapshotLocation(location)
            .build();
    RecoveryPathChosen chosen = send(command, RecoveryPathChosen.class);

    // then the snapshot is restored by import, for the reason of the forecast it was based on
    assertThat(chosen.getKind()).isEqualTo(RestorePointKind.LOGICAL_SNAPSHOT);
    assertThat(chosen.getSnapshotLocation()).startsWith(location + "/" + table + "/");
    assertThat(chosen.getPath()).isEqualTo("snapshot import");
    assertThat(chosen.getMeetsRpo()).isTrue();
    assertThat(chosen.getForecastP90Seconds()).isEqualTo(360);
    assertThat(chosen.getForecastBasis()).isEqualTo("history (3 runs)");
    assertThat(chosen.getForecastEventId()).isEqualTo(assessment);
    // (the sandbox's AWS Backup answers with a recovery point months old; the assessment has no
    // forecast of it: the floor)
    assertThat(chosen.getReason())
        .startsWith(
            "forecast 6 min by snapshot import, 60 min by AWS Backup restore:"
                + " chose snapshot import; over the 5 min RPO: AWS Backup restore (")
        .contains("(forecasts of the readiness assessment at ");
    assertThat(chosen.getCandidates())
        .extracting(c -> c.getPath())
        .containsExactly("PITR", "AWS Backup restore", "snapshot import");
    assertThat(chosen.getCandidates().get(0).getAvailable()).isFalse();
    assertThat(results.progressOf(command.getMetadata().getEventId()))
        .anySatisfy(p -> assertThat(p.getMessage()).isEqualTo(chosen.getReason()));

    // and a redelivery answers the recorded choice, though a newer forecast has come since
    String newer = publishAssessment(table, Instant.now(), 600, 1200, "history (4 runs)", 4);
    awaitForecast(table, newer);
    publisher.publish(Topics.RESTORE_COMMANDS, command);
    List<RecoveryPathChosen> both =
        results.awaitOutcomes(command.getMetadata().getEventId(), 2, RecoveryPathChosen.class);
    assertThat(both.get(1)).usingRecursiveComparison().isEqualTo(chosen);
    assertThat(both.get(1).getForecastEventId()).isEqualTo(assessment);
  }

  @Test
  void shouldWeighTheAwsFloorsAndSaySoWhenTheTableHasNoAssessment() throws Exception {
    String table = "path-unassessed";
    String location = exportedSnapshot(table);

    RecoveryPathChosen chosen =
        send(
            ChooseRecoveryPathCommand.newBuilder()
                .setMetadata(commandMetadata("inc-floor", "choose-recovery-path"))
                .setTableName(table)
                .setRegion("us-east-1")
                .setNotAfter(Instant.now().plusSeconds(1))
                .setSnapshotLocation(location)
                .build(),
            RecoveryPathChosen.class);

    assertThat(chosen.getKind()).isEqualTo(RestorePointKind.LOGICAL_SNAPSHOT);
    assertThat(chosen.getForecastBasis()).isEqualTo("no history: AWS floor");
    assertThat(chosen.getForecastEventId()).isNull();
    assertThat(chosen.getReason()).endsWith("(no readiness assessment of the table: AWS floors)");
  }

  @Test
  void shouldAnswerNoRestorePointWhenNoPathHasOne() throws Exception {
    CommandFailure failure =
        send(
            ChooseRecoveryPathCommand.newBuilder()
                .setMetadata(commandMetadata("inc-nopath", "choose-recovery-path"))
                .setTableName("path-nothing")
                .setRegion("us-east-1")
                .setNotAfter(Instant.now())
                .setSnapshotLocation(Files.createTempDirectory("snapshots-none").toString())
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("NoRestorePoint");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getMessage()).contains("no path has a restore point");
  }

  String exportedSnapshot(String table) throws Exception {
    TestTables.createEntitiesTable(primary, table);
    TestTables.fill(primary, table, 200, 2);
    String location = Files.createTempDirectory("snapshots").toString();
    send(
        ExportTableSnapshotCommand.newBuilder()
            .setMetadata(commandMetadata("inc-export-" + table, "export"))
            .setTableName(table)
            .setRegion("us-east-1")
            .setDestination(location)
            .setSegments(2)
            .build(),
        TableSnapshotExported.class);
    return location;
  }

  /** A table's ReadinessAssessed as readiness-service publishes it (key: the table), with the import's forecast. */
  String publishAssessment(String table, Instant at, long p50, long p90, String basis, int runs) {
    String eventId = UUID.randomUUID().toString();
    EventMetadata m =
        EventMetadata.newBuilder()
            .setEventId(eventId)
            .setIncidentId("readiness:" + table)
            .setCorrelationId(UUID.randomUUID().toString())
            .setOccurredAt(at)
            .setProducer("readiness-service")
            .build();
    PathForecast importForecast =
        PathForecast.newBuilder()
            .setPath(RecoveryPath.SNAPSHOT_IMPORT)
            .setAvailable(true)
            .setP50Seconds(p50)
            .setP90Seconds(p90)
            .setBasis(basis)
            .setRuns(runs)
            .setRtoP50Seconds(p50 + 500)
            .setRtoP90Seconds(p90 + 500)
            .setMeetsRto(true)
            .setMeetsRpo(true)
            .setReasons(List.of())
            .setEvidenceEventIds(List.of())
            .build();
    TableReadiness readiness =
        TableReadiness.newBuilder()
            .setTableName(table)
            .setItemCount(200L)
            .setPaths(List.of(importForecast))
            .setChosenPath(RecoveryPath.SNAPSHOT_IMPORT)
            .setChoiceReason("")
            .setMeetsTargets(true)
            .setScore(90)
            .setFindings(List.of())
            .build();
    publisher.publish(
        Topics.READINESS_ASSESSMENTS,
        table,
        ReadinessAssessed.newBuilder()
            .setMetadata(m)
            .setScope(table)
            .setTrigger(AssessmentTrigger.SCHEDULE)
            .setAssessedAt(at)
            .setRtoTargetSeconds(900)
            .setRpoTargetSeconds(300)
            .setScore(90)
            .setScoreThreshold(80)
            .setBelowThreshold(false)
            .setMeetsTargets(true)
            .setTables(List.of(readiness))
            .setFindings(List.of())
            .build());
    return eventId;
  }

  /** Waits until the service has read the assessment (it is read asynchronously, like every topic). */
  void awaitForecast(String table, String eventId) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (forecasts.of(table).filter(f -> f.eventId().equals(eventId)).isPresent()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("assessment " + eventId + " of " + table + " never read");
  }
}
