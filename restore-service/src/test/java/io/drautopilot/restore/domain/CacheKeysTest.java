package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CacheKeysTest {

  @Test
  void shouldJoinPartitionAndSortKeyAndEncodeThemAsOnePathSegment() {
    var item =
        Map.of(
            "PK",
            AttributeValue.fromS("DEPT#R&D/1 a"),
            "SK",
            AttributeValue.fromS("PROFILE+x"),
            "other",
            AttributeValue.fromS("ignored"));

    String key = CacheKeys.keyOf(item, "PK", "SK");

    assertThat(key).isEqualTo("DEPT#R&D/1 a|PROFILE+x");
    assertThat(CacheKeys.url("http://cache:8080/base/", "user sessions", key))
        .isEqualTo("http://cache:8080/base/user%20sessions/DEPT%23R%26D%2F1%20a%7CPROFILE%2Bx");
    assertThat(CacheKeys.redisKey("user", key)).isEqualTo("user:DEPT#R&D/1 a|PROFILE+x");
  }

  @Test
  void shouldUseTheNumberTextOrBase64AndOnlyThePartitionKeyWhenThereIsNoSortKey() {
    assertThat(CacheKeys.keyOf(Map.of("id", AttributeValue.fromN("42")), "id", null))
        .isEqualTo("42");
    assertThat(
            CacheKeys.keyOf(
                Map.of("id", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2}))),
                "id",
                null))
        .isEqualTo("AQI=");
    assertThatThrownBy(() -> CacheKeys.keyOf(Map.of("x", AttributeValue.fromS("1")), "id", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
