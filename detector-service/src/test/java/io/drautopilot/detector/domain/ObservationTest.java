package io.drautopilot.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationTest {

  final Instant now = Instant.parse("2026-01-15T10:00:00Z");

  @Test
  void shouldNameNoSubjectsUnlessTold() {
    Observation failing =
        Observation.failing(
            "cloudtrail-access", "us-east-1", "t", "suspicious-access", "d", 3.0, now);
    Observation passing = Observation.passing("cloudtrail-access", "us-east-1", "t", now);
    Observation alert =
        new Observation("alert:x", "us-east-1", null, true, "s", "d", null, now, true, null);

    assertThat(failing.subjects()).isEmpty();
    assertThat(passing.subjects()).isEmpty();
    assertThat(alert.subjects()).isNotNull().isEmpty();
  }

  @Test
  void shouldKeepItsSubjectsWhenPreConfirmedAndLeaveOutEmptyOnes() {
    Map<String, String> given = new HashMap<>();
    given.put("principalName", "mallory");
    given.put("accessKeyId", "");
    given.put("sourceIp", null);

    Observation o =
        Observation.failing("c", "us-east-1", "t", "s", "d", null, now)
            .withSubjects(given)
            .asPreConfirmed();
    given.put("principalType", "USER");

    assertThat(o.preConfirmed()).isTrue();
    assertThat(o.subjects()).containsOnly(entry("principalName", "mallory"));
    assertThatThrownBy(() -> o.subjects().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
