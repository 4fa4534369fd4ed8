package io.drautopilot.integrity.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.integrity.AttributeType;
import io.drautopilot.integrity.ItemView;
import io.drautopilot.integrity.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbItemsTest {

  @Test
  void shouldExposeSdkTypesAndScalarsToTheRules() {
    Map<String, AttributeValue> item =
        Map.of(
            "PK",
            AttributeValue.fromS("EMPLOYEE#1"),
            "SK",
            AttributeValue.fromS("PROFILE"),
            "entityType",
            AttributeValue.fromN("3"),
            "tags",
            AttributeValue.fromSs(List.of("a")),
            "gone",
            AttributeValue.fromNul(true));

    ItemView view = DynamoDbItems.view(item);

    assertThat(view.typeOf("tags")).isEqualTo(AttributeType.SS);
    assertThat(view.typeOf("gone")).isEqualTo(AttributeType.NULL);
    assertThat(view.typeOf("absent")).isNull();
    assertThat(view.scalar("entityType")).isEqualTo("3");
    assertThat(view.scalar("PK")).isEqualTo("EMPLOYEE#1");
    assertThat(view.scalar("absent")).isNull();
    assertThat(view.scalar("tags")).isNull();
    assertThat(RuleSet.defaults().evaluate(view))
        .extracting(v -> v.rule())
        .containsExactly("type:entityType=S");
  }
}
