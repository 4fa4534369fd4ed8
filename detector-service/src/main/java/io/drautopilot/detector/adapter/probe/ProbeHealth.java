package io.drautopilot.detector.adapter.probe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Where the detector cannot see: a probe whose own call fails (CloudWatch, CloudTrail, AWS Backup unreachable or
 * refusing) says nothing about the tables, so it raises no incident, but it is not silent either. Each failing probe
 * and region is counted ({@code dr.detector.probe.failures}), and once it has failed for {@code blind-after} without a
 * success it is "blind": the gauge {@code dr.detector.probe.blind} is 1, this health component ({@code probes}) is
 * DOWN naming the probe, region, cause and since when, and a WARN is logged once. The contracts have no scenario for
 * "monitoring blind" (an incident would start an unrelated runbook), so people are told through this health
 * component and the gauge (an alert rule on it), not through {@code dr.incidents.detected}.
 *
 * <p>Not part of the liveness or readiness groups: restarting the detector does not make AWS answer.
 */
public class ProbeHealth implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(ProbeHealth.class);

  private final Clock clock;
  private final Duration blindAfter;
  private final MeterRegistry registry;
  private final Map<String, Failing> failing = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final Set<String> gauges = ConcurrentHashMap.newKeySet();

  /**
   * @param unfinished the probe did not finish (timed out or threw), as the scheduler saw it
   * @param timedOut it did not finish within the probe timeout
   */
  private record Failing(Instant since, String cause, boolean unfinished, boolean timedOut) {}

  /** @param registry null: no metrics (tests of a single probe) */
  public ProbeHealth(Clock clock, Duration blindAfter, MeterRegistry registry) {
    this.clock = clock;
    this.blindAfter = blindAfter;
    this.registry = registry;
  }

  /** Tracks nothing anyone reads: for a probe built on its own. */
  public static ProbeHealth untracked() {
    return new ProbeHealth(Clock.systemUTC(), Duration.ofMinutes(5), null);
  }

  /** The probe's call for this region failed: it saw nothing. */
  public void blind(String probe, String region, String cause) {
    failed(probe, region, cause, false, false);
  }

  /**
   * The probe's part for this region did not finish within the probe timeout: it saw nothing this round. Counted on
   * its own ({@code dr.detector.probe.timeouts}) and otherwise a failure like any other (health detail, blind after
   * {@code blind-after}).
   */
  public void timedOut(String probe, String region, String cause) {
    if (registry != null) {
      registry.counter("dr.detector.probe.timeouts", "probe", probe, "region", region).increment();
    }
    String key = key(probe, region);
    if (!failing.containsKey(key)) {
      log.warn("probe {} in {} timed out: {}", probe, region, cause);
    }
    failed(probe, region, cause, true, true);
  }

  /** The probe's part threw instead of answering. */
  public void crashed(String probe, String region, String cause) {
    failed(probe, region, cause, true, false);
  }

  /**
   * The probe's part for this region finished in time: ends a failure that was its timing out or throwing, but not
   * one its own calls reported (the probe says {@link #seeing} itself when those succeed again).
   */
  public void finished(String probe, String region) {
    String key = key(probe, region);
    if (failing.computeIfPresent(key, (k, f) -> f.unfinished() ? null : f) == null) {
      if (reported.remove(key)) {
        log.info("probe {} in {} sees again", probe, region);
      }
    }
  }

  private void failed(
      String probe, String region, String cause, boolean unfinished, boolean timedOut) {
    String key = key(probe, region);
    Instant now = clock.instant();
    Failing f =
        failing.merge(
            key,
            new Failing(now, cause == null ? "unknown" : cause, unfinished, timedOut),
            (old, latest) ->
                new Failing(old.since(), latest.cause(), latest.unfinished(), latest.timedOut()));
    if (registry != null) {
      registry.counter("dr.detector.probe.failures", "probe", probe, "region", region).increment();
      if (gauges.add(key)) {
        Gauge.builder("dr.detector.probe.blind", () -> isBlind(key) ? 1 : 0)
            .tag("probe", probe)
            .tag("region", region)
            .description(
                "1 while the probe has failed for longer than dr.detector.probes.blind-after")
            .register(registry);
      }
    }
    if (!f.since().plus(blindAfter).isAfter(now) && reported.add(key)) {
      log.warn(
          "monitoring blind: probe {} in {} has failed since {} ({})",
          probe,
          region,
          f.since(),
          f.cause());
    }
  }

  /** The probe's call for this region succeeded. */
  public void seeing(String probe, String region) {
    String key = key(probe, region);
    if (failing.remove(key) != null && reported.remove(key)) {
      log.info("probe {} in {} sees again", probe, region);
    }
  }

  /** What an AWS call's failure says: the error code (AccessDeniedException, ThrottlingException) and message. */
  public static String describe(Exception e) {
    if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode() + ": " + aws.getMessage();
    }
    return e.toString();
  }

  boolean isBlind(String key) {
    Failing f = failing.get(key);
    return f != null && !f.since().plus(blindAfter).isAfter(clock.instant());
  }

  @Override
  public Health health() {
    Map<String, Object> details = new TreeMap<>();
    boolean blind = false;
    for (Map.Entry<String, Failing> e : failing.entrySet()) {
      boolean b = isBlind(e.getKey());
      blind |= b;
      details.put(
          e.getKey(),
          Map.of(
              "failingSince",
              e.getValue().since().toString(),
              "cause",
              e.getValue().cause(),
              "blind",
              b,
              "timedOut",
              e.getValue().timedOut()));
    }
    return (blind ? Health.down() : Health.up()).withDetails(details).build();
  }

  private static String key(String probe, String region) {
    return probe + "/" + region;
  }
}
