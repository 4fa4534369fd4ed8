package io.drautopilot.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every topic of the system: name, partitions, retention, cleanup policy and dead-letter topic.
 *
 * <p>The one place topics are declared. {@code NewTopic} beans, the Kubernetes {@code KafkaTopic}
 * resources and the docker-compose topic creation are all generated from {@link #ALL}.
 * Keys: {@code dr.incidents.detected} is keyed by fingerprint (all signals of one problem stay
 * ordered, so the orchestrator can join them); the ledger by idempotency key; the clock by
 * partition; every other topic by incident id.
 */
public final class Topics {

  /** Retention for the audit log: kept for ever. */
  public static final long FOREVER = -1L;

  public static final long DAYS_7 = 7L * 24 * 3600 * 1000;
  public static final long DAYS_30 = 30L * 24 * 3600 * 1000;
  public static final String DEAD_LETTER_SUFFIX = ".dlt";
  public static final int PARTITIONS = 3;

  public static final String INCIDENTS_DETECTED = "dr.incidents.detected";
  public static final String INCIDENT_TIMELINE = "dr.incidents.timeline";
  public static final String OPERATOR_ACTIONS = "dr.operator.actions";
  public static final String CLOCK_TICKS = "dr.clock.ticks";
  public static final String RESTORE_COMMANDS = "dr.commands.restore";
  public static final String VALIDATION_COMMANDS = "dr.commands.validation";
  public static final String NOTIFIER_COMMANDS = "dr.commands.notifier";
  public static final String CONTAINMENT_COMMANDS = "dr.commands.containment";
  public static final String COMMAND_RESULTS = "dr.commands.results";
  public static final String COMMAND_PROGRESS = "dr.commands.progress";
  public static final String COMMAND_LEDGER = "dr.commands.ledger";
  public static final String NOTIFICATION_DELIVERIES = "dr.notifications.deliveries";
  public static final String READINESS_ASSESSMENTS = "dr.readiness.assessments";

  /** How a topic is cleaned up. */
  public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    CleanupPolicy(String config) {
      this.config = config;
    }

    public String config() {
      return config;
    }
  }

  /** One topic's declaration. {@code deadLetter} is empty for the dead-letter topics themselves. */
  public record TopicSpec(
      String name,
      int partitions,
      long retentionMs,
      CleanupPolicy cleanupPolicy,
      Optional<String> deadLetter,
      String purpose) {

    public boolean isDeadLetter() {
      return name.endsWith(DEAD_LETTER_SUFFIX);
    }
  }

  public static final List<TopicSpec> ALL;

  static {
    List<TopicSpec> all = new ArrayList<>();
    add(
        all,
        INCIDENTS_DETECTED,
        FOREVER,
        CleanupPolicy.DELETE,
        "IncidentDetected / IncidentConditionCleared from the detector (key: fingerprint)");
    add(
        all,
        INCIDENT_TIMELINE,
        FOREVER,
        CleanupPolicy.DELETE,
        "the audit log: every decision of every recovery, written only by the orchestrator");
    add(
        all,
        OPERATOR_ACTIONS,
        FOREVER,
        CleanupPolicy.DELETE,
        "approvals, acknowledgements and cancellations by people, with their identity");
    add(
        all,
        CLOCK_TICKS,
        DAYS_30,
        CleanupPolicy.DELETE,
        "time as an input, so timers replay identically (key: partition)");
    add(all, RESTORE_COMMANDS, FOREVER, CleanupPolicy.DELETE, "commands for restore-service");
    add(all, VALIDATION_COMMANDS, FOREVER, CleanupPolicy.DELETE, "commands for validation-service");
    add(all, NOTIFIER_COMMANDS, FOREVER, CleanupPolicy.DELETE, "commands for notifier-service");
    add(
        all,
        CONTAINMENT_COMMANDS,
        FOREVER,
        CleanupPolicy.DELETE,
        "commands for containment-service (Scenario 3)");
    add(
        all,
        COMMAND_RESULTS,
        FOREVER,
        CleanupPolicy.DELETE,
        "one typed result per command, from every handler");
    add(all, COMMAND_PROGRESS, DAYS_7, CleanupPolicy.DELETE, "progress of long-running commands");
    add(
        all,
        COMMAND_LEDGER,
        FOREVER,
        CleanupPolicy.COMPACT,
        "handlers' record of commands started and completed (key: idempotency key)");
    add(
        all,
        NOTIFICATION_DELIVERIES,
        FOREVER,
        CleanupPolicy.DELETE,
        "every notification delivery attempt and its outcome");
    add(
        all,
        READINESS_ASSESSMENTS,
        FOREVER,
        CleanupPolicy.COMPACT,
        "ReadinessAssessed: forecast RTO/RPO and readiness score (key: scope, OVERALL or a table)");
    ALL = Collections.unmodifiableList(all);
  }

  private static void add(
      List<TopicSpec> all, String name, long retentionMs, CleanupPolicy policy, String purpose) {
    String dlt = name + DEAD_LETTER_SUFFIX;
    all.add(new TopicSpec(name, PARTITIONS, retentionMs, policy, Optional.of(dlt), purpose));
    all.add(
        new TopicSpec(
            dlt,
            1,
            FOREVER,
            CleanupPolicy.DELETE,
            Optional.empty(),
            "dead letters of " + name + ", with the reason in headers"));
  }

  private Topics() {}

  public static Optional<TopicSpec> find(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The dead-letter topic of a topic; every topic not itself a dead-letter topic has one. */
  public static String deadLetterOf(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
