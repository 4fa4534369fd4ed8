package io.drautopilot.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.it.RestoreServiceITBase;
import io.drautopilot.testsupport.ServiceEndpoints;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class RestoreApplicationIT extends RestoreServiceITBase {

  @LocalServerPort int port;
  @Autowired List<CommandHandler<?>> handlers;

  @Test
  void shouldHandleEveryRestoreCommandOfTheRunbook() {
    assertThat(handlers)
        .extracting(h -> h.commandType().getSimpleName())
        .containsExactlyInAnyOrder(
            "FindRestorePointCommand",
            "ChooseRecoveryPathCommand",
            "RestoreTableToPointInTimeCommand",
            "RestoreFromBackupCommand",
            "ExportTableSnapshotCommand",
            "ImportTableSnapshotCommand",
            "SetCircuitBreakerCommand",
            "CutOverTableCommand",
            "FailOverDnsRecordCommand",
            "ConfigureAutoScalingCommand",
            "WarmCacheCommand",
            "DeleteScratchTableCommand");
  }

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    ServiceEndpoints.assertHealthyWithKafkaAndPrometheus(port, "restore-service");
  }
}
