package io.drautopilot.detector.adapter.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.MutableClock;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import io.drautopilot.detector.domain.RecordingPublisher;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final ProbeHealth health = new ProbeHealth(clock, Duration.ofMinutes(5), metrics);
  final RecordingPublisher published = new RecordingPublisher();
  final DetectionService detection =
      new DetectionService(
          new IncidentDetector(
              new ClassificationRules(
                  List.of(
                      new ClassificationRule(
                          "table-missing",
                          null,
                          RunbookScenario.TABLE_CORRUPTION,
                          RunbookSeverity.P1,
                          null,
                          null))),
              new DetectionPolicy(
                  1,
                  1,
                  Duration.ofMinutes(2),
                  99,
                  Set.of(),
                  RunbookScenario.REGIONAL_FAILURE,
                  RunbookSeverity.P1),
              clock,
              () -> "inc-" + System.nanoTime()),
          published);

  /** A probe with one part per table, each running the given check. */
  static Probe tables(List<String> tables, Function<String, List<Observation>> check) {
    return new Probe() {
      @Override
      public String name() {
        return "table-availability";
      }

      @Override
      public List<Observation> probe(Instant now) {
        return parts().stream().flatMap(p -> p.run(now).stream()).toList();
      }

      @Override
      public List<Part> parts() {
        return tables.stream()
            .map(t -> new Part(name(), "us-east-1", t, now -> check.apply(t)))
            .toList();
      }
    };
  }

  static List<Observation> missing(String table) {
    return List.of(
        Observation.failing(
            "table-availability",
            "us-east-1",
            table,
            "table-missing",
            "gone",
            null,
            Instant.parse("2026-01-15T10:00:00Z")));
  }

  ProbeScheduler scheduler(Probe probe, Duration timeout) {
    return new ProbeScheduler(
        List.of(probe),
        detection,
        clock,
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        timeout,
        health);
  }

  @Test
  void shouldRunTheTablesOfOneProbeConcurrentlyWhenARoundStarts() {
    // given twenty tables whose checks each wait until all twenty have started: run one after the
    // other, the
    // first would wait for ever and the round would see nothing
    List<String> tables = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tables.add("table-" + i);
    }
    CountDownLatch allStarted = new CountDownLatch(tables.size());
    Probe probe =
        tables(
            tables,
            table -> {
              allStarted.countDown();
              try {
                return allStarted.await(20, TimeUnit.SECONDS) ? missing(table) : List.of();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
              }
            });

    // when one round runs
    scheduler(probe, Duration.ofSeconds(30)).runRound();

    // then every table was seen in that round
    assertThat(published.incidents())
        .flatExtracting(Incident::affectedResources)
        .containsExactlyInAnyOrderElementsOf(tables);
    assertThat(health.health().getDetails()).isEmpty();
  }

  @Test
  void shouldReportAPartThatTimesOutAndKeepTheOthersWhenOneTableHangs() {
    // given one table whose check hangs past the probe timeout
    CountDownLatch never = new CountDownLatch(1);
    Probe probe =
        tables(
            List.of("fine", "hanging"),
            table -> {
              if (table.equals("hanging")) {
                try {
                  never.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return List.of();
              }
              return missing(table);
            });

    // when a round runs
    scheduler(probe, Duration.ofMillis(200)).runRound();

    // then the other table is judged, and the hanging one is reported as timed out (counted, in
    // health), not skipped
    assertThat(published.incidents())
        .flatExtracting(Incident::affectedResources)
        .containsExactly("fine");
    assertThat(
            metrics
                .get("dr.detector.probe.timeouts")
                .tag("probe", "table-availability")
                .tag("region", "us-east-1")
                .counter()
                .count())
        .isEqualTo(1.0);
    @SuppressWarnings("unchecked")
    Map<String, Object> detail =
        (Map<String, Object>) health.health().getDetails().get("table-availability/us-east-1");
    assertThat(detail).containsEntry("timedOut", true);
    assertThat(detail.get("cause").toString())
        .contains("timed out after PT0.2S")
        .contains("hanging");
  }

  @Test
  void shouldEndATimeoutReportWhenThePartFinishesInTimeAgain() {
    // given a table that hung in one round
    AtomicInteger round = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Probe probe =
        tables(
            List.of("slow"),
            table -> {
              if (round.get() == 0) {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return List.of(
                  Observation.passing("table-availability", "us-east-1", table, clock.instant()));
            });
    ProbeScheduler scheduler = scheduler(probe, Duration.ofMillis(200));
    scheduler.runRound();
    assertThat(health.health().getDetails()).containsKey("table-availability/us-east-1");

    // when it answers in time in the next round (the hung call having ended meanwhile)
    round.incrementAndGet();
    release.countDown();
    awaitIdle(scheduler);
    scheduler.runRound();

    // then it is no longer reported
    assertThat(health.health().getDetails()).isEmpty();
  }

  static void awaitIdle(ProbeScheduler scheduler) {
    for (int i = 0; i < 500 && !scheduler.idle(); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(scheduler.idle()).as("the hung call ended").isTrue();
  }

  @Test
  void shouldNotStartAPartAgainWhileItsEarlierRunIsStillRunning() {
    // given a part that hangs
    AtomicInteger started = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Probe probe =
        tables(
            List.of("stuck"),
            table -> {
              started.incrementAndGet();
              while (true) {
                try {
                  if (release.await(10, TimeUnit.SECONDS)) {
                    return List.of();
                  }
                } catch (InterruptedException ignored) {
                  // as a call that is not interrupted
                }
              }
            });
    ProbeScheduler scheduler = scheduler(probe, Duration.ofMillis(100));

    // when two rounds run while it is still stuck
    scheduler.runRound();
    scheduler.runRound();
    release.countDown();

    // then it was started once and both rounds report it as timed out
    assertThat(started.get()).isEqualTo(1);
    assertThat(metrics.get("dr.detector.probe.timeouts").counter().count()).isEqualTo(2.0);
    assertThat(health.health().getDetails().get("table-availability/us-east-1").toString())
        .contains("still running from an earlier round");
  }

  @Test
  void shouldRefuseANonPositiveTimeoutWhenBuilt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> scheduler(tables(List.of("t"), ProbeSchedulerTest::missing), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probe timeout");
  }
}
