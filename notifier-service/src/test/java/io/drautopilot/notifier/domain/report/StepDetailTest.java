package io.drautopilot.notifier.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step's one-line summary in the report, from its result's fields. */
class StepDetailTest {

  @Test
  void shouldSayHowManyRequestsWereMeasuredAndHowManyWarmedUpBeforeThem() {
    Map<String, String> performance = new LinkedHashMap<>();
    performance.put("passed", "true");
    performance.put("requests", "1480");
    performance.put("p99Millis", "8.2");
    performance.put("errorRate", "0.0");
    performance.put("warmUpRequests", "312");

    assertThat(StepDetail.of(performance))
        .contains("1480 requests")
        .contains("after 312 warm-up requests (not measured)")
        .contains("passed");
  }

  @Test
  void shouldSayNothingOfAWarmUpThatDidNotHappen() {
    Map<String, String> performance = new LinkedHashMap<>();
    performance.put("passed", "true");
    performance.put("requests", "100");
    performance.put("errorRate", "0.0");
    performance.put("warmUpRequests", "0");

    assertThat(StepDetail.of(performance)).contains("100 requests").doesNotContain("warm-up");
  }
}
