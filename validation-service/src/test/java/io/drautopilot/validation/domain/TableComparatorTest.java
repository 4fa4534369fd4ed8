package io.drautopilot.validation.domain;

import static io.drautopilot.validation.domain.InMemorySource.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.messaging.command.ProgressListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableComparatorTest {

  final TableComparator comparator = new TableComparator(Clock.systemUTC(), 64, 10_000);

  static ItemSource failing(String name, RuntimeException failure) {
    return new ItemSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<KeyElement> keySchema() {
        return List.of(new KeyElement("PK", "HASH"), new KeyElement("SK", "RANGE"));
      }

      @Override
      public long approximateItemCount() {
        return -1;
      }

      @Override
      public void scan(
          int segments, long perSegmentLimit, java.util.function.Consumer<ScannedItem> sink) {
        throw failure;
      }
    };
  }

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

    ComparisonReport report =
        comparator.compare(
            new InMemorySource("a", employees(500)),
            new InMemorySource("b", target),
            4,
            10,
            ProgressListener.NONE);

    assertThat(report.matches()).isFalse();
    assertThat(report.sourceItemCount()).isEqualTo(500);
    assertThat(report.targetItemCount()).isEqualTo(499);
    assertThat(report.missingInTargetKeys())
        .containsExactly("PK=EMPLOYEE#10|SK=PROFILE", "PK=EMPLOYEE#21|SK=PROFILE");
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

    ComparisonReport report =
        comparator.compare(
            new InMemorySource("a", employees(500)),
            new InMemorySource("b", target),
            4,
            10,
            ProgressListener.NONE);

    // one changed item is one differing bucket: the smallest difference there is must still fail
    // the match
    assertThat(report.differingBuckets()).isEqualTo(1);
    assertThat(report.matches()).isFalse();
    assertThat(report.sourceItemCount()).isEqualTo(report.targetItemCount());
    assertThat(report.sourceDigest()).isNotEqualTo(report.targetDigest());
    assertThat(report.changedKeys()).containsExactly("PK=EMPLOYEE#250|SK=PROFILE");
  }

  @Test
  void shouldSayTheKeyListsAreASampleWhenAListIsCut() {
    ComparisonReport report =
        comparator.compare(
            new InMemorySource("a", employees(100)),
            new InMemorySource("b", employees(100).subList(0, 70)),
            2,
            5,
            ProgressListener.NONE);

    assertThat(report.missingInTargetKeys()).hasSize(5);
    assertThat(report.missingInTargetCount()).isEqualTo(30);
    assertThat(report.keyListsComplete()).isFalse();
  }

  @Test
  void shouldListAtMostMaxDifferingKeysAndStayWithinTheRescanBudget() {
    TableComparator tight = new TableComparator(Clock.systemUTC(), 64, 50);

    ComparisonReport report =
        tight.compare(
            new InMemorySource("a", employees(1000)),
            new InMemorySource("b", List.of()),
            2,
            5,
            ProgressListener.NONE);

    assertThat(report.matches()).isFalse();
    assertThat(report.differingBuckets()).isEqualTo(64);
    assertThat(report.missingInTargetKeys()).hasSize(5);
    assertThat(report.targetItemCount()).isZero();
    // only the buckets that fitted the budget of 50 items were re-scanned
    assertThat(report.missingInTargetCount()).isBetween(5L, 999L);
    assertThat(report.keyListsComplete()).isFalse();
  }

  @Test
  void shouldRescanEveryDifferingBucketThatFitsTheBudgetExactlyAndStopAtTheFirstThatDoesNot() {
    // two buckets, every item changed: both buckets differ, and re-scanning one costs its items on
    // both sides
    InMemorySource source = new InMemorySource("a", employees(100));
    List<Map<String, AttributeValue>> changedItems = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      changedItems.add(item("EMPLOYEE#" + i, "PROFILE", "Employee", -i - 1));
    }
    InMemorySource changed = new InMemorySource("b", changedItems);
    BucketDigests digests = new BucketDigests(2);
    source.scan(1, 0, digests::add);
    long inFirst = digests.count(0);
    long costOfBoth = 2 * (inFirst + digests.count(1));

    ComparisonReport fits =
        new TableComparator(Clock.systemUTC(), 2, costOfBoth)
            .compare(source, changed, 2, 1000, ProgressListener.NONE);
    ComparisonReport oneShort =
        new TableComparator(Clock.systemUTC(), 2, costOfBoth - 1)
            .compare(source, changed, 2, 1000, ProgressListener.NONE);

    assertThat(inFirst).isPositive().isLessThan(100);
    assertThat(fits.keyListsComplete()).isTrue();
    assertThat(fits.changedCount()).isEqualTo(100);
    assertThat(oneShort.keyListsComplete()).isFalse();
    assertThat(oneShort.changedCount()).isEqualTo(inFirst);
  }

  @Test
  void shouldReportProgressOutOfBothSidesCountsAndThenTheDifferingBuckets() {
    List<Map<String, AttributeValue>> target = new ArrayList<>(employees(1500));
    target.set(3, item("EMPLOYEE#3", "PROFILE", "Employee", -3));
    RecordedProgress progress = new RecordedProgress();

    comparator.compare(
        new InMemorySource("a", employees(1500)), new InMemorySource("b", target), 2, 10, progress);

    assertThat(progress.reports())
        .containsExactly(
            new RecordedProgress.Report(1000, 3000L, "compared 1000 items"),
            new RecordedProgress.Report(2000, 3000L, "compared 2000 items"),
            new RecordedProgress.Report(3000, 3000L, "compared 3000 items"),
            new RecordedProgress.Report(3000, 3000L, "1 of 64 buckets differ: naming the keys"));
  }

  @Test
  void shouldReportProgressWithoutATotalWhenNeitherSideCanCountItsItems() {
    RecordedProgress progress = new RecordedProgress();

    comparator.compare(
        new UnknownCountSource(new InMemorySource("a", employees(600))),
        new UnknownCountSource(new InMemorySource("b", employees(600))),
        2,
        10,
        progress);

    assertThat(progress.reports())
        .extracting(RecordedProgress.Report::itemsTotal)
        .containsExactly((Long) null);
  }

  @Test
  void shouldReportHowLongTheComparisonTookByItsClock() {
    TableComparator timed =
        new TableComparator(new SteppingClock(java.time.Duration.ofSeconds(3)), 64, 10_000);

    ComparisonReport report =
        timed.compare(
            new InMemorySource("a", employees(10)),
            new InMemorySource("b", employees(10)),
            2,
            10,
            ProgressListener.NONE);

    assertThat(report.durationMillis()).isEqualTo(3000);
  }

  @Test
  void shouldPassOnTheFailureOfEitherSideAsItWasThrown() {
    IllegalStateException unreadable = new IllegalStateException("snapshot has no manifest");

    assertThatThrownBy(
            () ->
                comparator.compare(
                    new InMemorySource("a", employees(10)),
                    failing("b", unreadable),
                    2,
                    10,
                    ProgressListener.NONE))
        .isSameAs(unreadable);
  }

  @Test
  void shouldSeeAChangeInANestedValueButNotInMapOrSetOrderOrNumberFormat() {
    Map<String, AttributeValue> a =
        new java.util.HashMap<>(item("EMPLOYEE#1", "PROFILE", "Employee", 1));
    a.put("tags", AttributeValue.fromSs(List.of("x", "y")));
    a.put(
        "address",
        AttributeValue.fromM(
            Map.of("city", AttributeValue.fromS("Oslo"), "zip", AttributeValue.fromN("1.50"))));
    Map<String, AttributeValue> b = new java.util.HashMap<>(a);
    b.put("tags", AttributeValue.fromSs(List.of("y", "x")));
    b.put(
        "address",
        AttributeValue.fromM(
            Map.of("zip", AttributeValue.fromN("1.5"), "city", AttributeValue.fromS("Oslo"))));
    Map<String, AttributeValue> c = new java.util.HashMap<>(a);
    c.put(
        "address",
        AttributeValue.fromM(
            Map.of("city", AttributeValue.fromS("Bergen"), "zip", AttributeValue.fromN("1.5"))));

    assertThat(
            comparator
                .compare(
                    new InMemorySource("a", List.of(a)),
                    new InMemorySource("b", List.of(b)),
                    1,
                    5,
                    ProgressListener.NONE)
                .matches())
        .isTrue();
    assertThat(
            comparator
                .compare(
                    new InMemorySource("a", List.of(a)),
                    new InMemorySource("c", List.of(c)),
                    1,
                    5,
                    ProgressListener.NONE)
                .changedKeys())
        .containsExactly("PK=EMPLOYEE#1|SK=PROFILE");
  }
}
