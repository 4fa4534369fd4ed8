package io.drautopilot.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableProbesIT extends DetectorIT {

  @Test
  void shouldPublishExactlyOneIncidentWhenATableIsDeletedInDynalite() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      // given a healthy, probed table
      Instant deletedAt = Instant.now();

      // when it is deleted
      dynamo().deleteTable(b -> b.tableName("it-deleted"));

      // then one Scenario 2 incident, with the impact starting at the first failing probe
      String fp = "TABLE_CORRUPTION|us-east-1|it-deleted";
      IncidentDetected incident =
          (IncidentDetected)
              topic.await(fp, v -> v instanceof IncidentDetected, DETECTION_TIMEOUT).value();
      assertThat(incident.getScenario()).isEqualTo(Scenario.TABLE_CORRUPTION);
      assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
      assertThat(incident.getAffectedResources()).containsExactly("it-deleted");
      assertThat(incident.getImpactStartedAt())
          .isAfterOrEqualTo(deletedAt.minusMillis(1))
          .isBefore(incident.getDetectedAt());
      assertThat(incident.getSymptoms()).extracting(e -> e.getSignal()).contains("table-missing");
      assertThat(incident.getMetadata().getIncidentId()).isNotBlank();
      // and the ongoing problem raises nothing more over several further probe rounds
      List<Object> all = topic.valuesFor(fp, Duration.ofSeconds(2));
      assertThat(all).hasSize(1);
    }
  }

  @Test
  void shouldClassifyCorruptedItemsAsTableCorruption() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      // when items lose their entityType / get a wrong-typed one
      for (int i = 0; i < 5; i++) {
        int n = i;
        dynamo()
            .updateItem(
                b ->
                    b.tableName("it-corrupted")
                        .key(
                            Map.of(
                                "PK",
                                AttributeValue.fromS("EMPLOYEE#" + n),
                                "SK",
                                AttributeValue.fromS("PROFILE")))
                        .updateExpression("REMOVE entityType"));
      }
      dynamo()
          .putItem(
              b ->
                  b.tableName("it-corrupted")
                      .item(
                          Map.of(
                              "PK",
                              AttributeValue.fromS("X#1"),
                              "SK",
                              AttributeValue.fromS("PROFILE"),
                              "entityType",
                              AttributeValue.fromN("7"))));

      // then a Scenario 2 incident from the integrity sample, naming rules, not values
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "TABLE_CORRUPTION|us-east-1|it-corrupted",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getSymptoms())
          .anySatisfy(
              e -> {
                assertThat(e.getSignal()).isEqualTo("integrity-violation");
                assertThat(e.getDetail())
                    .contains("required:entityType")
                    .contains("type:entityType=S")
                    .doesNotContain("EMPLOYEE#");
                assertThat(e.getValue()).isGreaterThan(0.05);
              });
      assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    }
  }
}
