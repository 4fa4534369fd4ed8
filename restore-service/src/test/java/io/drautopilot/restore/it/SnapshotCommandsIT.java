package io.drautopilot.restore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.FindRestorePointCommand;
import io.drautopilot.contracts.restore.ImportTableSnapshotCommand;
import io.drautopilot.contracts.restore.RestorePointFound;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.S3rver;
import io.drautopilot.restore.adapter.aws.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Scenarios 1 and 2 in the sandbox: commands in on dr.commands.restore, typed results out. */
class SnapshotCommandsIT extends RestoreServiceITBase {

  @org.springframework.beans.factory.annotation.Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  final DynamoDbClient primary = Dynalite.shared("primary").client();
  final DynamoDbClient secondary = Dynalite.shared("secondary").client();

  @ParameterizedTest(name = "snapshots in {0}")
  @ValueSource(strings = {"a directory", "S3"})
  void shouldExportFindAndImportTheLatestSnapshotIntoARecoveryTableThroughCommands(String where)
      throws Exception {
    // given a table with items and a snapshot location
    String table = where.equals("S3") ? "cmd-entities-s3" : "cmd-entities";
    TestTables.createEntitiesTable(primary, table);
    TestTables.fill(primary, table, 2_000, 2);
    String location =
        where.equals("S3")
            ? "s3://" + S3rver.shared().bucket("dr-snapshots-commands") + "/prod"
            : Files.createTempDirectory("snapshots").toString();

    String store = where.equals("S3") ? "s3" : "local";
    double exportedBefore = itemsCounted("export", store);
    double importedBefore = itemsCounted("import", store);

    // when the snapshot is exported, found and imported by commands
    ExportTableSnapshotCommand export =
        ExportTableSnapshotCommand.newBuilder()
            .setMetadata(commandMetadata("inc-snap", "export"))
            .setTableName(table)
            .setRegion("us-east-1")
            .setDestination(location)
            .setSegments(3)
            .build();
    TableSnapshotExported exported = send(export, TableSnapshotExported.class);

    FindRestorePointCommand find =
        FindRestorePointCommand.newBuilder()
            .setMetadata(commandMetadata("inc-snap", "find"))
            .setTableName(table)
            .setRegion("us-east-1")
            .setNotAfter(Instant.now().plusSeconds(1))
            .setSnapshotLocation(location)
            .build();
    RestorePointFound found = send(find, RestorePointFound.class);

    ImportTableSnapshotCommand importCommand =
        ImportTableSnapshotCommand.newBuilder()
            .setMetadata(commandMetadata("inc-snap", "import"))
            .setSnapshotLocation(found.getSnapshotLocation())
            .setTargetTableName(table + "-recovery")
            .setRegion("us-east-1")
            .setParallelism(3)
            .build();
    TableSnapshotImported imported = send(importCommand, TableSnapshotImported.class);

    // then
    assertThat(exported.getItemCount()).isEqualTo(2_000);
    assertThat(exported.getSegments()).isEqualTo(3);
    assertThat(found.getKind()).isEqualTo(RestorePointKind.LOGICAL_SNAPSHOT);
    assertThat(found.getSnapshotLocation())
        .isEqualTo(exported.getLocation())
        .startsWith(location + "/" + table + "/");
    assertThat(found.getRestorePointTime()).isEqualTo(exported.getTakenAt());
    assertThat(imported.getItemCount()).isEqualTo(2_000);
    assertThat(TestTables.scanAll(primary, table + "-recovery")).hasSize(2_000);
    assertThat(itemsCounted("export", store) - exportedBefore).isEqualTo(2_000);
    assertThat(itemsCounted("import", store) - importedBefore).isEqualTo(2_000);
    List<CommandProgressed> progress = results.progressOf(importCommand.getMetadata().getEventId());
    assertThat(progress)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.getAction()).isEqualTo("ImportTableSnapshotCommand"));
    assertThat(progress)
        .anySatisfy(
            p -> {
              assertThat(p.getPercentDone()).isNotNull();
              assertThat(p.getItemsPerSecond()).isNotNull();
            });
  }

  double itemsCounted(String operation, String store) {
    var counter =
        meters
            .find("dr.restore.snapshot.items")
            .tags("operation", operation, "store", store)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void shouldFailWithTheS3ErrorWhenTheSnapshotBucketDoesNotExist() {
    TestTables.createEntitiesTable(primary, "cmd-nobucket");
    CommandFailure failure =
        send(
            ExportTableSnapshotCommand.newBuilder()
                .setMetadata(commandMetadata("inc-nobucket", "export"))
                .setTableName("cmd-nobucket")
                .setRegion("us-east-1")
                .setDestination("s3://no-such-snapshot-bucket/prod")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("NoSuchBucket");
    assertThat(failure.getRetryable()).isFalse();
  }

  @Test
  void shouldRefuseASnapshotLocationOfAnUnknownScheme() {
    CommandFailure failure =
        send(
            ExportTableSnapshotCommand.newBuilder()
                .setMetadata(commandMetadata("inc-scheme", "export"))
                .setTableName("cmd-entities")
                .setRegion("us-east-1")
                .setDestination("gs://bucket/prod")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("UnsupportedSnapshotLocation");
    assertThat(failure.getMessage()).contains("gs://bucket/prod");
  }

  @Test
  void shouldImportThePrimarysSnapshotIntoTheSecondaryRegionChosenByTheCommand() throws Exception {
    TestTables.createEntitiesTable(primary, "cmd-regional");
    TestTables.fill(primary, "cmd-regional", 300, 1);
    Path location = Files.createTempDirectory("snapshots");
    TableSnapshotExported exported =
        send(
            ExportTableSnapshotCommand.newBuilder()
                .setMetadata(commandMetadata("inc-region", "export"))
                .setTableName("cmd-regional")
                .setRegion("us-east-1")
                .setDestination(location.toString())
                .build(),
            TableSnapshotExported.class);

    send(
        ImportTableSnapshotCommand.newBuilder()
            .setMetadata(commandMetadata("inc-region", "import"))
            .setSnapshotLocation(exported.getLocation())
            .setTargetTableName("cmd-regional")
            .setRegion("us-west-2")
            .build(),
        TableSnapshotImported.class);

    assertThat(TestTables.scanAll(secondary, "cmd-regional")).hasSize(300);
  }

  @Test
  void shouldAnswerNoRestorePointWhenEverySnapshotIsAfterTheImpact() throws Exception {
    Path location = Files.createTempDirectory("snapshots-empty");
    EventMetadata m = commandMetadata("inc-none", "find");

    CommandFailure failure =
        send(
            FindRestorePointCommand.newBuilder()
                .setMetadata(m)
                .setTableName("nothing")
                .setRegion("us-east-1")
                .setNotAfter(Instant.now())
                .setSnapshotLocation(location.toString())
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("NoRestorePoint");
    assertThat(failure.getRetryable()).isFalse();
  }
}
