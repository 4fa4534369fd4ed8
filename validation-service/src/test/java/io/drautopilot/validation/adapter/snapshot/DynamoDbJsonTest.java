package io.drautopilot.validation.adapter.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

class DynamoDbJsonTest {

  @Test
  void shouldReadEveryAttributeTypeOfTheExportFormat() {
    String line =
        """
        {"PK":{"S":"EMPLOYEE#1"},"n":{"N":"3.0"},"b":{"B":"AQI="},"ok":{"BOOL":true},"none":{"NULL":true},
         "m":{"M":{"x":{"S":"y"}}},"l":{"L":[{"N":"1"},{"S":"a"}]},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},
         "bs":{"BS":["AQ=="]}}
        """;

    Map<String, AttributeValue> item = DynamoDbJson.item(JsonMapper.shared().readTree(line));

    assertThat(item.get("PK")).isEqualTo(AttributeValue.fromS("EMPLOYEE#1"));
    assertThat(item.get("n")).isEqualTo(AttributeValue.fromN("3.0"));
    assertThat(item.get("b"))
        .isEqualTo(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})));
    assertThat(item.get("ok").bool()).isTrue();
    assertThat(item.get("none").nul()).isTrue();
    assertThat(item.get("m").m()).containsEntry("x", AttributeValue.fromS("y"));
    assertThat(item.get("l").l())
        .containsExactly(AttributeValue.fromN("1"), AttributeValue.fromS("a"));
    assertThat(item.get("ss").ss()).containsExactly("a", "b");
    assertThat(item.get("ns").ns()).containsExactly("1", "2");
    assertThat(item.get("bs").bs()).containsExactly(SdkBytes.fromByteArray(new byte[] {1}));
  }
}
