package io.drautopilot.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IntegrityTallyTest {

  @Test
  void shouldCountValidInvalidAndPerRuleViolationsAndKeepOnlyTheFirstKKeys() {
    IntegrityTally tally = new IntegrityTally(RuleSet.defaults(), 3);

    IntStream.range(0, 1000)
        .parallel()
        .forEach(
            i -> {
              ItemView.Builder b = ItemView.builder().s("PK", "EMPLOYEE#" + i).s("SK", "PROFILE");
              if (i % 10 != 0) {
                b.s("entityType", "Employee");
              }
              tally.record(b.build());
            });

    assertThat(tally.scanned()).isEqualTo(1000);
    assertThat(tally.invalid()).isEqualTo(100);
    assertThat(tally.valid()).isEqualTo(900);
    assertThat(tally.violationsByRule())
        .containsExactlyEntriesOf(java.util.Map.of("required:entityType", 100L));
    assertThat(tally.invalidKeys())
        .hasSize(3)
        .allMatch(k -> k.startsWith("PK=EMPLOYEE#") && k.endsWith("|SK=PROFILE"));
  }

  @Test
  void shouldReturnTheViolationsOfTheItemItRecords() {
    IntegrityTally tally = new IntegrityTally(RuleSet.defaults(), 3);

    assertThat(tally.record(ItemView.builder().s("PK", "EMPLOYEE#1").build()))
        .extracting(Violation::rule)
        .containsExactly("required:SK", "required:entityType");
    assertThat(
            tally.record(
                ItemView.builder()
                    .s("PK", "EMPLOYEE#2")
                    .s("SK", "PROFILE")
                    .s("entityType", "Employee")
                    .build()))
        .isEmpty();
  }
}
