package io.drautopilot.notifier.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.notifier.domain.report.MonthlyAvailability.ImpactWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthlyAvailabilityTest {

  static final YearMonth JUNE = YearMonth.of(2026, 6); // 30 days: 43,200 minutes
  static final Instant LATER = Instant.parse("2026-08-01T00:00:00Z");

  static ImpactWindow window(String id, String start, String end) {
    return new ImpactWindow(id, Instant.parse(start), end == null ? null : Instant.parse(end));
  }

  @Test
  void shouldAllowAbout4Point3MinutesOfDowntimeInA30DayMonthAt9999Percent() {
    MonthlyAvailability a = MonthlyAvailability.of(JUNE, List.of(), 99.99, LATER);

    assertThat(a.budget()).isEqualTo(Duration.ofSeconds(259).plusMillis(200)); // 4.32 min
    assertThat(a.downtime()).isZero();
    assertThat(a.availabilityPercent()).isEqualTo(100.0);
    assertThat(a.met()).isTrue();
  }

  @Test
  void shouldSpendTheBudgetWithAnIncidentsImpactWindow() {
    MonthlyAvailability a =
        MonthlyAvailability.of(
            JUNE,
            List.of(window("inc-1", "2026-06-10T10:00:00Z", "2026-06-10T10:03:00Z")),
            99.99,
            LATER);

    assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(3));
    assertThat(a.budgetRemaining()).isEqualTo(Duration.ofSeconds(79).plusMillis(200));
    assertThat(a.availabilityPercent())
        .isCloseTo(100.0 * (1 - 3.0 / 43_200), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(a.met()).isTrue();
    assertThat(a.incidents()).isEqualTo(1);
  }

  @Test
  void shouldCountOverlappingIncidentsOnce() {
    // a regional incident 10:00-10:10 with a table incident 10:05-10:12 inside and after it, and
    // one apart
    MonthlyAvailability a =
        MonthlyAvailability.of(
            JUNE,
            List.of(
                window("regional", "2026-06-10T10:00:00Z", "2026-06-10T10:10:00Z"),
                window("table", "2026-06-10T10:05:00Z", "2026-06-10T10:12:00Z"),
                window("later", "2026-06-20T08:00:00Z", "2026-06-20T08:01:00Z")),
            99.99,
            LATER);

    assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(13));
    assertThat(a.incidents()).isEqualTo(3);
    assertThat(a.met()).isFalse();
    assertThat(a.budgetRemaining()).isNegative();
  }

  @Test
  void shouldMergeWindowsThatTouch() {
    MonthlyAvailability a =
        MonthlyAvailability.of(
            JUNE,
            List.of(
                window("b", "2026-06-10T10:02:00Z", "2026-06-10T10:04:00Z"),
                window("a", "2026-06-10T10:00:00Z", "2026-06-10T10:02:00Z")),
            99.99,
            LATER);

    assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void shouldSplitAnIncidentSpanningTheMonthBoundaryBetweenTheTwoMonths() {
    List<ImpactWindow> windows =
        List.of(window("inc-night", "2026-06-30T23:58:00Z", "2026-07-01T00:05:00Z"));

    assertThat(MonthlyAvailability.of(JUNE, windows, 99.99, LATER).downtime())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(MonthlyAvailability.of(YearMonth.of(2026, 7), windows, 99.99, LATER).downtime())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldCountAnOpenIncidentUpToNow() {
    Instant now = Instant.parse("2026-06-15T12:07:00Z");

    MonthlyAvailability a =
        MonthlyAvailability.of(
            JUNE, List.of(window("open", "2026-06-15T12:00:00Z", null)), 99.99, now);

    assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void shouldIgnoreIncidentsOfOtherMonthsAndUseTheMonthsOwnLength() {
    YearMonth february = YearMonth.of(2026, 2); // 28 days: 40,320 minutes

    MonthlyAvailability a =
        MonthlyAvailability.of(
            february,
            List.of(window("june", "2026-06-10T10:00:00Z", "2026-06-10T11:00:00Z")),
            99.9,
            LATER);

    assertThat(a.downtime()).isZero();
    assertThat(a.incidents()).isZero();
    assertThat(a.budget())
        .isEqualTo(Duration.ofSeconds(2419).plusMillis(200)); // 40.32 min at 99.9 %
  }

  @Test
  void shouldRefuseATargetThatIsNotAPercentage() {
    assertThatThrownBy(() -> MonthlyAvailability.of(JUNE, List.of(), 100.0, LATER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
