package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import io.drautopilot.detector.domain.RecordingPublisher;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import io.drautopilot.integrity.RuleSet;
import io.drautopilot.integrity.RuleSetSpec;
import io.drautopilot.localstack.Dynalite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The duration of a probe round over N dynalite tables (availability and integrity sample, the probes that call once
 * per table) against the sandbox's 1 s interval: every table concurrently (the scheduler as shipped) and, in the same
 * run, each probe walking its tables one after the other (the scheduler before parts). Not a test: runs only with
 * -Dbench.tables=N and prints the figures recorded in docs/benchmarks/detector-service.md.
 */
@EnabledIfSystemProperty(named = "bench.tables", matches = "\\d+")
class ProbeRoundBenchmarkIT {

  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final int ITEMS = 200;
  static final int WARMUP = 10;
  static final int ROUNDS = 30;

  @Test
  void measureRoundTimeAgainstTheIntervalWithConcurrentAndSequentialTables() {
    int n = Integer.parseInt(System.getProperty("bench.tables"));
    try (Dynalite dynalite = Dynalite.start(null);
        DynamoDbClient db = dynalite.client()) {
      List<String> tables = IntStream.range(0, n).mapToObj(i -> "bench-entities-" + i).toList();
      tables.forEach(t -> create(db, t));
      AwsProperties props = new AwsProperties();
      props.setStaticCredentials(true);
      props.getEndpoints().put("default", dynalite.endpoint().toString());
      DetectorProperties.Target target = new DetectorProperties.Target("us-east-1", tables);
      try (RegionalClients<DynamoDbClient> clients =
          new AwsClientFactory(props)
              .perRegion(
                  DynamoDbClient::builder,
                  "dynamodb",
                  AwsClientFactory.singleAttempt(Duration.ofSeconds(2)))) {
        List<Probe> probes =
            List.of(
                new TableAvailabilityProbe(List.of(target), clients),
                new IntegritySampleProbe(
                    List.of(target), clients, RuleSet.from(new RuleSetSpec()), ITEMS, 0.0));
        ProbeHealth health = ProbeHealth.untracked();
        ProbeScheduler concurrent = scheduler(probes, health);
        ProbeScheduler sequential =
            scheduler(probes.stream().map(ProbeRoundBenchmarkIT::wholeProbe).toList(), health);

        for (int i = 0; i < WARMUP; i++) {
          concurrent.runRound();
          sequential.runRound();
        }
        long[] concurrentMs = new long[ROUNDS];
        long[] sequentialMs = new long[ROUNDS];
        // Interleaved, so both see the same machine load.
        for (int i = 0; i < ROUNDS; i++) {
          concurrentMs[i] = timed(concurrent);
          sequentialMs[i] = timed(sequential);
        }
        System.out.printf(
            "BENCH %d tables, %d parts, interval %d ms, part timeout %d ms, %d rounds%n",
            n,
            probes.stream().mapToInt(p -> p.parts().size()).sum(),
            INTERVAL.toMillis(),
            concurrent.timeout().toMillis(),
            ROUNDS);
        report("concurrent parts (shipped)", concurrentMs);
        report("sequential tables per probe", sequentialMs);
        System.out.printf(
            "BENCH probes health after the rounds: %s%n", health.health().getStatus());
        concurrent.stop();
        sequential.stop();
      }
    }
  }

  static ProbeScheduler scheduler(List<Probe> probes, ProbeHealth health) {
    DetectionService detection =
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
                    2,
                    2,
                    Duration.ofMinutes(2),
                    2,
                    Set.of("table-unavailable"),
                    RunbookScenario.REGIONAL_FAILURE,
                    RunbookSeverity.P1),
                Clock.systemUTC(),
                () -> "bench"),
            new RecordingPublisher());
    return new ProbeScheduler(
        probes,
        detection,
        Clock.systemUTC(),
        INTERVAL,
        Duration.ZERO,
        INTERVAL.dividedBy(4),
        ProbeScheduler.defaultTimeout(INTERVAL),
        health);
  }

  /** The same probe as one part: its tables one after the other, as rounds ran before. */
  static Probe wholeProbe(Probe probe) {
    return new Probe() {
      @Override
      public String name() {
        return probe.name() + "-sequential";
      }

      @Override
      public List<Observation> probe(Instant now) {
        return probe.probe(now);
      }
    };
  }

  static long timed(ProbeScheduler scheduler) {
    long t0 = System.nanoTime();
    scheduler.runRound();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static void report(String label, long[] ms) {
    long[] sorted = ms.clone();
    Arrays.sort(sorted);
    long over = Arrays.stream(ms).filter(m -> m > INTERVAL.toMillis()).count();
    System.out.printf(
        "BENCH %-28s round p50 %4d ms, p90 %4d ms, max %4d ms; %.0f%% of the interval at p50; "
            + "%d of %d rounds over the interval%n",
        label,
        sorted[sorted.length / 2],
        sorted[(int) Math.ceil(sorted.length * 0.9) - 1],
        sorted[sorted.length - 1],
        100.0 * sorted[sorted.length / 2] / INTERVAL.toMillis(),
        over,
        ms.length);
  }

  static void create(DynamoDbClient db, String table) {
    Dynalite.createTable(db, Dynalite.pkSkTable(table));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(
          Map.of(
              "PK",
              AttributeValue.fromS("EMPLOYEE#" + i),
              "SK",
              AttributeValue.fromS("PROFILE"),
              "entityType",
              AttributeValue.fromS("Employee")));
    }
    for (int from = 0; from < items.size(); from += 25) {
      List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch =
          items.subList(from, Math.min(items.size(), from + 25)).stream()
              .map(
                  item ->
                      software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                          .putRequest(p -> p.item(item))
                          .build())
              .toList();
      db.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
    }
  }
}
