package io.drautopilot.validation.domain;

import static io.drautopilot.validation.domain.InMemorySource.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.integrity.RuleSet;
import io.drautopilot.messaging.command.ProgressListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableValidatorTest {

  static final List<KeyElement> PK_SK =
      List.of(new KeyElement("PK", "HASH"), new KeyElement("SK", "RANGE"));

  @Test
  void shouldSampleAcrossSegmentsAndReportOnlyKeysOfInvalidItems() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(item("EMPLOYEE#" + i, "PROFILE", i % 100 == 0 ? null : "Employee", i));
    }
    TableValidator validator = new TableValidator(Clock.systemUTC(), true);

    ValidationReport full =
        validator.validate(
            new InMemorySource("t", items),
            PK_SK,
            null,
            4,
            RuleSet.defaults(),
            3,
            ProgressListener.NONE);
    ValidationReport sample =
        validator.validate(
            new InMemorySource("t", items),
            PK_SK,
            100,
            4,
            RuleSet.defaults(),
            3,
            ProgressListener.NONE);

    assertThat(full.scannedItems()).isEqualTo(1000);
    assertThat(full.invalidItems()).isEqualTo(10);
    assertThat(full.passed()).isFalse();
    assertThat(full.violations()).containsExactlyEntriesOf(Map.of("required:entityType", 10L));
    assertThat(full.invalidKeys())
        .hasSize(3)
        .allSatisfy(
            k ->
                assertThat(Integer.parseInt(k.substring(k.indexOf('#') + 1, k.indexOf('|'))) % 100)
                    .isZero());
    assertThat(sample.scannedItems()).isEqualTo(100);
  }

  static List<Map<String, AttributeValue>> employees(int n) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(item("EMPLOYEE#" + i, "PROFILE", "Employee", i));
    }
    return items;
  }

  @Test
  void shouldValidateEveryItemAndReportProgressAgainstTheTableCountWhenTheSampleSizeIsZero() {
    RecordedProgress progress = new RecordedProgress();

    ValidationReport report =
        new TableValidator(Clock.systemUTC(), true)
            .validate(
                new InMemorySource("t", employees(2500)),
                PK_SK,
                0,
                4,
                RuleSet.defaults(),
                3,
                progress);

    assertThat(report.scannedItems()).isEqualTo(2500);
    assertThat(report.passed()).isTrue();
    // every thousandth item, out of the count the table gave
    assertThat(progress.reports())
        .containsExactly(
            new RecordedProgress.Report(1000, 2500L, "validated 1000 items of t"),
            new RecordedProgress.Report(2000, 2500L, "validated 2000 items of t"));
  }

  @Test
  void shouldReportProgressOutOfTheSampleSizeOrOfNothingKnown() {
    RecordedProgress sampled = new RecordedProgress();
    RecordedProgress uncounted = new RecordedProgress();
    TableValidator validator = new TableValidator(Clock.systemUTC(), true);

    validator.validate(
        new InMemorySource("t", employees(3000)), PK_SK, 1000, 4, RuleSet.defaults(), 3, sampled);
    validator.validate(
        new UnknownCountSource(new InMemorySource("u", employees(1000))),
        PK_SK,
        null,
        4,
        RuleSet.defaults(),
        3,
        uncounted);

    assertThat(sampled.reports())
        .extracting(RecordedProgress.Report::itemsTotal)
        .containsExactly(1000L);
    assertThat(uncounted.reports())
        .extracting(RecordedProgress.Report::itemsTotal)
        .containsExactly((Long) null);
  }

  @Test
  void shouldReportHowLongTheValidationTookByItsClock() {
    TableValidator validator =
        new TableValidator(new SteppingClock(java.time.Duration.ofSeconds(7)), true);

    ValidationReport report =
        validator.validate(
            new InMemorySource("t", employees(10)),
            PK_SK,
            null,
            2,
            RuleSet.defaults(),
            3,
            ProgressListener.NONE);

    assertThat(report.durationMillis()).isEqualTo(7000);
  }

  @Test
  void shouldFailAnEmptyTableAndAWrongKeySchema() {
    TableValidator validator = new TableValidator(Clock.systemUTC(), true);
    InMemorySource one = new InMemorySource("t", List.of(item("A", "B", "Employee", 1)));
    ItemSource hashOnly =
        new ItemSource() {
          @Override
          public String name() {
            return one.name();
          }

          @Override
          public List<KeyElement> keySchema() {
            return List.of(new KeyElement("PK", "HASH"));
          }

          @Override
          public long approximateItemCount() {
            return 1;
          }

          @Override
          public void scan(
              int segments, long perSegmentLimit, java.util.function.Consumer<ScannedItem> sink) {
            one.scan(segments, perSegmentLimit, sink);
          }
        };

    ValidationReport empty =
        validator.validate(
            new InMemorySource("e", List.of()),
            PK_SK,
            null,
            2,
            RuleSet.defaults(),
            3,
            ProgressListener.NONE);
    ValidationReport wrongSchema =
        validator.validate(hashOnly, PK_SK, null, 2, RuleSet.defaults(), 3, ProgressListener.NONE);

    assertThat(empty.passed()).isFalse();
    assertThat(wrongSchema.keySchemaMatches()).isFalse();
    assertThat(wrongSchema.invalidItems()).isZero();
    assertThat(wrongSchema.passed()).isFalse();
  }
}
