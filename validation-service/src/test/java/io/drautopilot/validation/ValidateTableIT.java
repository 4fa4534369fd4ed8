package io.drautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.ValidateTableCommand;
import io.drautopilot.localstack.Dynalite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ValidateTableIT extends ServiceITBase {

  static final String GOOD = "validate-good";
  static final String CORRUPTED = "validate-corrupted";
  static final String HASH_ONLY = "validate-hash-only";
  static final String SECRET = "123-45-6789";

  @BeforeAll
  void seed() {
    DynamoDbClient db = Dynalite.shared("primary").client();
    TestTables.create(db, GOOD, true);
    TestTables.put(db, GOOD, TestTables.goodItems(2500));

    TestTables.create(db, CORRUPTED, true);
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestTables.goodItems(300));
    for (int i = 0; i < 10; i++) {
      Map<String, AttributeValue> noType = new LinkedHashMap<>(TestTables.good(1000 + i * 5 + 1));
      noType.remove("entityType");
      noType.put("ssn", AttributeValue.fromS(SECRET));
      items.add(noType);
    }
    for (int i = 0; i < 5; i++) {
      Map<String, AttributeValue> numericType =
          new LinkedHashMap<>(TestTables.good(2000 + i * 5 + 1));
      numericType.put("entityType", AttributeValue.fromN("42"));
      numericType.put("ssn", AttributeValue.fromS(SECRET));
      items.add(numericType);
    }
    for (int i = 0; i < 4; i++) {
      Map<String, AttributeValue> textSalary =
          new LinkedHashMap<>(TestTables.good(3000 + i * 5 + 1));
      textSalary.put("salary", AttributeValue.fromS("a lot"));
      items.add(textSalary);
    }
    TestTables.put(db, CORRUPTED, items);

    TestTables.create(db, HASH_ONLY, false);
    List<Map<String, AttributeValue>> noSortKey = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>(TestTables.good(i * 5 + 1));
      item.remove("SK");
      noSortKey.add(item);
    }
    TestTables.put(db, HASH_ONLY, noSortKey);
  }

  static ValidateTableCommand command(String table, Integer sampleSize, String ruleSet) {
    return ValidateTableCommand.newBuilder()
        .setMetadata(commandMetadata("inc-validate"))
        .setTableName(table)
        .setRegion("us-east-1")
        .setSampleSize(sampleSize)
        .setRuleSet(ruleSet)
        .setMaxInvalidKeys(5)
        .build();
  }

  @Test
  void shouldPassAFullScanOfAGoodTableAndReportProgress() throws Exception {
    ValidateTableCommand command = command(GOOD, null, "default");

    TableValidated result = send(command, TableValidated.class);

    assertThat(result.getPassed()).isTrue();
    assertThat(result.getKeySchemaMatches()).isTrue();
    assertThat(result.getScannedItems()).isEqualTo(2500);
    assertThat(result.getValidItems()).isEqualTo(2500);
    assertThat(result.getInvalidKeys()).isEmpty();
    assertThat(results.progressOf(command.getMetadata().getEventId()))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.getAction()).isEqualTo("ValidateTableCommand"));
  }

  @Test
  void shouldSampleTheRequestedNumberOfItemsAcrossSegments() throws Exception {
    TableValidated result = send(command(GOOD, 200, "default"), TableValidated.class);

    assertThat(result.getScannedItems()).isEqualTo(200);
    assertThat(result.getPassed()).isTrue();
  }

  @Test
  void shouldReportInvalidKeysWithoutAttributeValues() throws Exception {
    TableValidated result = send(command(CORRUPTED, null, "default"), TableValidated.class);

    assertThat(result.getPassed()).isFalse();
    assertThat(result.getScannedItems()).isEqualTo(319);
    assertThat(result.getInvalidItems()).isEqualTo(15);
    assertThat(result.getViolations())
        .containsEntry("required:entityType", 10L)
        .containsEntry("type:entityType=S", 5L)
        .hasSize(2);
    assertThat(result.getInvalidKeys())
        .hasSize(5)
        .allMatch(k -> k.matches("PK=EMPLOYEE#\\d+\\|SK=PROFILE"));
    assertThat(result.toString()).doesNotContain(SECRET).doesNotContain("@example.com");
  }

  @Test
  void shouldApplyTheConfiguredPerEntityTypeRules() throws Exception {
    TableValidated result = send(command(CORRUPTED, null, "strict"), TableValidated.class);

    assertThat(result.getViolations()).containsEntry("type:Employee.salary=N", 4L);
    assertThat(result.getInvalidItems()).isEqualTo(19);
  }

  @Test
  void shouldFailTheKeySchemaAndNameItemsMissingTheirSortKey() throws Exception {
    TableValidated result = send(command(HASH_ONLY, null, "default"), TableValidated.class);

    assertThat(result.getKeySchemaMatches()).isFalse();
    assertThat(result.getPassed()).isFalse();
    assertThat(result.getViolations()).containsEntry("required:SK", 20L);
    assertThat(result.getInvalidKeys()).allMatch(k -> k.endsWith("|SK=<missing>"));
  }

  @Test
  void shouldAnswerATypedFailureForAMissingTableOrAnUnknownRuleSet() throws Exception {
    CommandFailure missing = send(command("no-such-table", null, "default"), CommandFailure.class);
    CommandFailure unknownRules = send(command(GOOD, null, "nope"), CommandFailure.class);

    assertThat(missing.getCode()).isEqualTo("ResourceNotFoundException");
    assertThat(missing.getRetryable()).isFalse();
    assertThat(unknownRules.getCode()).isEqualTo("InvalidCommand");
  }
}
