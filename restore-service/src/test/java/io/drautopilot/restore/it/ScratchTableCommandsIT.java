package io.drautopilot.restore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.restore.DeleteScratchTableCommand;
import io.drautopilot.contracts.restore.ScratchTableDeleted;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.restore.adapter.aws.TestTables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The backup verification's cleanup through commands, against dynalite. */
class ScratchTableCommandsIT extends RestoreServiceITBase {

  final DynamoDbClient secondary = Dynalite.shared("secondary").client();

  DeleteScratchTableCommand delete(String table, String step) {
    return DeleteScratchTableCommand.newBuilder()
        .setMetadata(commandMetadata("inc-cleanup", step))
        .setTableName(table)
        .setRegion("us-west-2")
        .build();
  }

  @Test
  void shouldDeleteTheScratchTableOnceAndAnswerAlreadyGoneAfterwards() throws Exception {
    TestTables.createEntitiesTable(secondary, "backup-verification-test-inc-cleanup");
    TestTables.fill(secondary, "backup-verification-test-inc-cleanup", 20, 1);

    ScratchTableDeleted first =
        send(delete("backup-verification-test-inc-cleanup", "delete"), ScratchTableDeleted.class);
    ScratchTableDeleted again =
        send(
            delete("backup-verification-test-inc-cleanup", "delete-again"),
            ScratchTableDeleted.class);

    assertThat(first.getAlreadyGone()).isFalse();
    assertThat(first.getTableArn()).contains("backup-verification-test-inc-cleanup");
    assertThat(secondary.listTables().tableNames())
        .doesNotContain("backup-verification-test-inc-cleanup");
    assertThat(again.getAlreadyGone()).isTrue();
  }

  @Test
  void shouldRefuseToDeleteATableThatIsNotAScratchTable() {
    TestTables.createEntitiesTable(secondary, "tyler-setup-entities-keep");

    CommandFailure failure =
        send(delete("tyler-setup-entities-keep", "delete-prod"), CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("NotAScratchTable");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(secondary.listTables().tableNames()).contains("tyler-setup-entities-keep");
  }
}
