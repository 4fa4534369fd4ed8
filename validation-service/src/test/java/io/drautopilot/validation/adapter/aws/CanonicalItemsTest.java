package io.drautopilot.validation.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.validation.domain.ScannedItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CanonicalItemsTest {

  final CanonicalItems canonical = new CanonicalItems(List.of("PK", "SK"));

  @Test
  void shouldHashEqualItemsEquallyWhateverTheirAttributeOrderOrNumberFormat() {
    ScannedItem a =
        canonical.scanned(
            Map.of(
                "PK",
                AttributeValue.fromS("E#1"),
                "SK",
                AttributeValue.fromS("P"),
                "n",
                AttributeValue.fromN("1.50"),
                "ns",
                AttributeValue.fromNs(List.of("2", "10"))));
    ScannedItem b =
        canonical.scanned(
            Map.of(
                "ns",
                AttributeValue.fromNs(List.of("10.0", "2")),
                "n",
                AttributeValue.fromN("1.5"),
                "SK",
                AttributeValue.fromS("P"),
                "PK",
                AttributeValue.fromS("E#1")));
    long aHigh = a.contentHashHigh();
    long aLow = a.contentHashLow();
    long aKey = a.keyHash();

    assertThat(b.contentHashHigh()).isEqualTo(aHigh);
    assertThat(b.contentHashLow()).isEqualTo(aLow);
    assertThat(b.keyHash()).isEqualTo(aKey);
  }

  @Test
  void shouldTellAStringFromANumberWithTheSameDigits() {
    ScannedItem s =
        canonical.scanned(
            Map.of("PK", AttributeValue.fromS("E#1"), "v", AttributeValue.fromS("1")));
    long high = s.contentHashHigh();
    ScannedItem n =
        canonical.scanned(
            Map.of("PK", AttributeValue.fromS("E#1"), "v", AttributeValue.fromN("1")));

    assertThat(n.contentHashHigh()).isNotEqualTo(high);
    assertThat(n.key()).isEqualTo("PK=E#1|SK=<missing>");
  }

  @Test
  void shouldNormaliseNumbers() {
    assertThat(CanonicalItems.number("42")).isEqualTo("42");
    assertThat(CanonicalItems.number("-7")).isEqualTo("-7");
    assertThat(CanonicalItems.number("007")).isEqualTo("7");
    assertThat(CanonicalItems.number("1.500")).isEqualTo("1.5");
    assertThat(CanonicalItems.number("15E-1")).isEqualTo("1.5");
    assertThat(CanonicalItems.number("-0.0")).isEqualTo("0");
    assertThat(CanonicalItems.number("1E+3")).isEqualTo("1000");
  }
}
