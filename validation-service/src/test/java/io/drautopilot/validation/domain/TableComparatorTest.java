package io.drautopilot.validation.domain;

import static io.drautopilot.validation.domain.InMemorySource.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableComparatorTest {

  final TableComparator comparator = new TableComparator(Clock.systemUTC(), 64, 10_000);

  static List<Map<String, AttributeValue>> employees(int n) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(item("EMPLOYEE#" + i, "PROFILE", "Employee", i));
    }
    return items;
  }

  @Test
  void shouldMatchTheSameItemsReadInADifferentOrderAndSegmentation() {
    InMemorySource source = new InMemorySource("a", employees(500));
    List<Map<String, AttributeValue>> shuffled = new ArrayList<>(employees(500));
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    InMemorySource target = new InMemorySource("b", shuffled);

    ComparisonReport report = comparator.compare(source, target, 3, 10, ProgressListener.NONE);

    assertThat(report.matches()).isTrue();
    assertThat(report.sourceItemCount()).isEqualTo(500);
    assertThat(report.targetItemCount()).isEqualTo(500);
    assertThat(report.sourceDigest()).isEqualTo(report.targetDigest());
    assertThat(report.differingBuckets()).isZero();
    assertThat(report.missingInTargetKeys()).isEmpty();
  }

  @Test
  void shouldNameMissingExtraAndChangedKeys() {
    List<Map<String, AttributeValue>> target = new ArrayList<>();
    for (Map<String, AttributeValue> e : employees(500)) {
      String pk = e.get("PK").s();
      if (pk.equals("EMPLOYEE#101")) {
        target.add(item(pk, "PROFILE", "Employee", -1));
      } else if (!pk.equals("EMPLOYEE#10") && !pk.equals("EMPLOYEE#21")) {
        target.add(e);
      }
    }
    target.add(item("EMPLOYEE#9999", "PROFILE", "Employee", 1));

    ComparisonReport report = comparator.compare(new InMemorySource("a", employees(500)), new InMemorySource("b", target),
        4, 10, ProgressListener.NONE);

    assertThat(report.matches()).isFalse();
    assertThat(report.sourceItemCount()).isEqualTo(500);
    assertThat(report.targetItemCount()).isEqualTo(499);
    assertThat(report.missingInTargetKeys()).containsExactly("PK=EMPLOYEE#10|SK=PROFILE", "PK=EMPLOYEE#21|SK=PROFILE");
    assertThat(report.extraInTargetKeys()).containsExactly("PK=EMPLOYEE#9999|SK=PROFILE");
    assertThat(report.changedKeys()).containsExactly("PK=EMPLOYEE#101|SK=PROFILE");
    assertThat(report.differingBuckets()).isBetween(1, 4);
    assertThat(report.keyListsComplete()).isTrue();
    assertThat(report.missingInTargetCount()).isEqualTo(2);
    assertThat(report.extraInTargetCount()).isEqualTo(1);
    assertThat(report.changedCount()).isEqualTo(1);
  }

  @Test
  void shouldNotMatchWhenASingleItemDiffersInContent() {
    List<Map<String, AttributeValue>> target = new ArrayList<>(employees(500));
    target.set(250, item("EMPLOYEE#250", "PROFILE", "Employee", -250));

    ComparisonReport report = comparator.compare(new InMemorySource("a", employees(500)), new InMemorySource("b", target),
        4, 10, ProgressListener.NONE);

    // one changed item is one differing bucket: the smallest difference there is must still fail the match
    assertThat(report.differingBuckets()).isEqualTo(1);
    assertThat(report.matches()).isFalse();
    assertThat(report.sourceItemCount()).isEqualTo(report.targetItemCount());
    assertThat(report.sourceDigest()).isNotEqualTo(report.targetDigest());
    assertThat(report.changedKeys()).containsExactly("PK=EMPLOYEE#250|SK=PROFILE");
  }

  @Test
  void shouldSayTheKeyListsAreASampleWhenAListIsCut() {
    ComparisonReport report = comparator.compare(new InMemorySource("a", employees(100)), new InMemorySource("b",
        employees(100).subList(0, 70)), 2, 5, ProgressListener.NONE);

    assertThat(report.missingInTargetKeys()).hasSize(5);
    assertThat(report.missingInTargetCount()).isEqualTo(30);
    assertThat(report.keyListsComplete()).isFalse();
  }

  @Test
  void shouldListAtMostMaxDifferingKeysAndStayWithinTheRescanBudget() {
    TableComparator tight = new TableComparator(Clock.systemUTC(), 64, 50);

    ComparisonReport report = tight.compare(new InMemorySource("a", employees(1000)), new InMemorySource("b", List.of()),
        2, 5, ProgressListener.NONE);

    assertThat(report.matches()).isFalse();
    assertThat(report.differingBuckets()).isEqualTo(64);
    assertThat(report.missingInTargetKeys()).hasSize(5);
    assertThat(report.targetItemCount()).isZero();
    // only the buckets that fitted the budget of 50 items were re-scanned
    assertThat(report.missingInTargetCount()).isBetween(5L, 999L);
    assertThat(report.keyListsComplete()).isFalse();
  }

  @Test
  void shouldSeeAChangeInANestedValueButNotInMapOrSetOrderOrNumberFormat() {
    Map<String, AttributeValue> a = new java.util.HashMap<>(item("EMPLOYEE#1", "PROFILE", "Employee", 1));
    a.put("tags", AttributeValue.fromSs(List.of("x", "y")));
    a.put("address", AttributeValue.fromM(Map.of("city", AttributeValue.fromS("Oslo"), "zip", AttributeValue.fromN("1.50"))));
    Map<String, AttributeValue> b = new java.util.HashMap<>(a);
    b.put("tags", AttributeValue.fromSs(List.of("y", "x")));
    b.put("address", AttributeValue.fromM(Map.of("zip", AttributeValue.fromN("1.5"), "city", AttributeValue.fromS("Oslo"))));
    Map<String, AttributeValue> c = new java.util.HashMap<>(a);
    c.put("address", AttributeValue.fromM(Map.of("city", AttributeValue.fromS("Bergen"), "zip", AttributeValue.fromN("1.5"))));

    assertThat(comparator.compare(new InMemorySource("a", List.of(a)), new InMemorySource("b", List.of(b)), 1, 5,
        ProgressListener.NONE).matches()).isTrue();
    assertThat(comparator.compare(new InMemorySource("a", List.of(a)), new InMemorySource("c", List.of(c)), 1, 5,
        ProgressListener.NONE).changedKeys()).containsExactly("PK=EMPLOYEE#1|SK=PROFILE");
  }
}
