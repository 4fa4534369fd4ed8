package io.drautopilot.restore.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoJsonTest {

  @Test
  void shouldWriteTheShapeOfTheAwsDynamoDbExportFormat() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("PK", AttributeValue.fromS("EMPLOYEE#1"));
    item.put("SK", AttributeValue.fromS("PROFILE"));
    item.put("entityType", AttributeValue.fromS("Employee"));
    item.put("n", AttributeValue.fromN("3"));

    String line = DynamoJson.toLine(item);

    assertThat(line)
        .isEqualTo(
            "{\"Item\":{\"PK\":{\"S\":\"EMPLOYEE#1\"},\"SK\":{\"S\":\"PROFILE\"},\"entityType\":{\"S\":\"Employee\"},\"n\":{\"N\":\"3\"}}}");
  }

  @Test
  void shouldReadBackEveryAttributeTypeUnchanged() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("s", AttributeValue.fromS("quote \" and unicode é\n"));
    item.put("n", AttributeValue.fromN("-12.5E3"));
    item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})));
    item.put("bool", AttributeValue.fromBool(false));
    item.put("null", AttributeValue.fromNul(true));
    item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
    item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
    item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))));
    item.put(
        "m",
        AttributeValue.fromM(
            Map.of(
                "inner",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromS("deep"), AttributeValue.fromM(Map.of()))))));
    item.put("l", AttributeValue.fromL(List.of()));

    assertThat(DynamoJson.fromLine(DynamoJson.toLine(item))).isEqualTo(item);
  }

  @Test
  void shouldRejectALineWithoutAnItemWithoutEchoingItsContent() {
    assertThatThrownBy(() -> DynamoJson.fromLine("{\"Secret\":{\"S\":\"hunter2\"}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }
}
