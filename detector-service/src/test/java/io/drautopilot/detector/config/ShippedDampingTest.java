package io.drautopilot.detector.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.detector.domain.Decision;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.MutableClock;
import io.drautopilot.detector.domain.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Flap damping as the packaged application.yml configures it: one failing probe round is not yet an incident. */
class ShippedDampingTest {

  /** The packaged settings, with these keys and values (in pairs) set on top as an operator would. */
  static DetectorProperties packaged(String... keysAndValues) throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    Map<String, Object> operator = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      operator.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    env.getPropertySources().addFirst(new MapPropertySource("operator", operator));
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    for (String file : List.of("classification-rules.yml", "application.yml")) {
      for (PropertySource<?> ps : yaml.load(file, new ClassPathResource(file))) {
        env.getPropertySources().addAfter("operator", ps);
      }
    }
    return Binder.get(env).bind("dr.detector", DetectorProperties.class).get();
  }

  @Test
  void shouldNotRaiseOnOneFailingRoundWithThePackagedConfiguration() throws Exception {
    DetectorProperties p = packaged();
    DetectorConfiguration wiring = new DetectorConfiguration();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    IncidentDetector detector =
        new IncidentDetector(
            wiring.classificationRules(p), wiring.detectionPolicy(p), clock, () -> "inc-1");
    Observation missing =
        Observation.failing(
            "table-availability",
            "us-east-1",
            "entities",
            "table-missing",
            "ResourceNotFoundException",
            null,
            clock.instant());

    List<Decision> firstRound = detector.evaluate(List.of(missing));
    clock.advance(Duration.ofSeconds(30));
    List<Decision> secondRound = detector.evaluate(List.of(missing));

    assertThat(p.damping().consecutiveFailures()).as("packaged damping").isGreaterThan(1);
    assertThat(firstRound).as("one failing round with the packaged damping").isEmpty();
    assertThat(secondRound)
        .as("the confirming round")
        .singleElement()
        .isInstanceOf(Decision.Raised.class);
  }

  @Test
  void shouldNameEveryTargetTableOfTheRegionInARegionalIncident() throws Exception {
    DetectorProperties p =
        packaged(
            "dr.detector.targets[0].region", "us-east-1",
            "dr.detector.targets[0].tables", "entities,events",
            "dr.detector.targets[1].region", "us-east-1",
            "dr.detector.targets[1].tables", "events,audit");

    assertThat(new DetectorConfiguration().detectionPolicy(p).tablesIn("us-east-1"))
        .containsExactly("entities", "events", "audit");
  }
}
