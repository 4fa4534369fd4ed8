package io.drautopilot.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.it.RestoreServiceITBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class RestoreApplicationIT extends RestoreServiceITBase {

  @LocalServerPort int port;
  @Autowired List<CommandHandler<?>> handlers;

  @Test
  void shouldHandleEveryRestoreCommandOfTheRunbook() {
    assertThat(handlers).extracting(h -> h.commandType().getSimpleName()).containsExactlyInAnyOrder(
        "FindRestorePointCommand", "RestoreTableToPointInTimeCommand", "RestoreFromBackupCommand",
        "ExportTableSnapshotCommand", "ImportTableSnapshotCommand", "SetCircuitBreakerCommand", "CutOverTableCommand",
        "FailOverDnsRecordCommand", "ConfigureAutoScalingCommand", "WarmCacheCommand");
  }

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"kafka\"").contains("clusterId");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("application=\"restore-service\"");
  }
}
