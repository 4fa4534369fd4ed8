package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * After the drill: did anything happen twice? Read from the log and the recording endpoint's journal, not from any
 * service's memory (a killed service has none left):
 *
 * <ul>
 *   <li>commands: every idempotency key on the command topics was emitted once (the orchestrator repeated none);
 *   <li>the command ledger: no command was COMPLETED twice, i.e. acted on to the end twice; a command STARTED again
 *       after a crash is listed (its handler was told it was redelivered and checked before acting);
 *   <li>results: every command has one result (a redelivered completed command may re-send the recorded one,
 *       the same record again);
 *   <li>AWS control-plane calls: no state-changing call (anything but Describe/Get/List/...) was made twice with the
 *       same request.
 * </ul>
 */
final class RepeatCheck {

  static final List<String> COMMAND_TOPICS =
      List.of(
          Topics.RESTORE_COMMANDS,
          Topics.VALIDATION_COMMANDS,
          Topics.NOTIFIER_COMMANDS,
          Topics.CONTAINMENT_COMMANDS);

  private RepeatCheck() {}

  /** What was checked, line by line, and whether it held. */
  record Outcome(List<String> lines, boolean ok) {}

  static Outcome check(
      String bootstrapServers, Predicate<String> incidents, RecordingEndpoint recorder) {
    List<String> lines = new ArrayList<>();
    boolean ok = true;
    Map<String, Integer> commands = new HashMap<>();
    Map<String, Set<String>> results = new HashMap<>();
    Map<String, Integer> resultRecords = new HashMap<>();
    Map<String, Integer> ledgerStarted = new TreeMap<>();
    Map<String, Integer> ledgerCompleted = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> r : readAll(bootstrapServers)) {
      if (Topics.COMMAND_LEDGER.equals(r.topic())) {
        Header state = r.headers().lastHeader(EventHeaders.LEDGER_STATE);
        if (r.key() == null
            || state == null
            || r.key().contains(SandboxServices.SNAPSHOT_INCIDENT)) {
          continue;
        }
        String s = new String(state.value(), StandardCharsets.UTF_8);
        (s.equals("COMPLETED") ? ledgerCompleted : ledgerStarted).merge(r.key(), 1, Integer::sum);
        continue;
      }
      EventMetadata m;
      try {
        m = TimelineLine.metadata((IndexedRecord) EventCodec.shared().decode(r.value()));
      } catch (RuntimeException e) {
        continue; // dead-lettered by the services, not a command
      }
      if (m == null || m.getIdempotencyKey() == null || !incidents.test(m.getIncidentId())) {
        continue;
      }
      if (Topics.COMMAND_RESULTS.equals(r.topic())) {
        results.computeIfAbsent(m.getIdempotencyKey(), k -> new HashSet<>()).add(m.getEventId());
        resultRecords.merge(m.getIdempotencyKey(), 1, Integer::sum);
      } else {
        commands.merge(m.getIdempotencyKey(), 1, Integer::sum);
      }
    }
    List<String> repeatedCommands =
        commands.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(e -> e.getKey() + " x" + e.getValue())
            .sorted()
            .toList();
    ok &= repeatedCommands.isEmpty();
    lines.add(
        (repeatedCommands.isEmpty() ? "ok    " : "FAIL  ")
            + commands.size()
            + " commands emitted, "
            + (repeatedCommands.isEmpty() ? "none twice" : "repeated: " + repeatedCommands));

    List<String> completedTwice =
        ledgerCompleted.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(e -> e.getKey() + " x" + e.getValue())
            .toList();
    List<String> startedAgain =
        ledgerStarted.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(e -> e.getKey() + " (started " + e.getValue() + " times)")
            .toList();
    ok &= completedTwice.isEmpty();
    lines.add(
        (completedTwice.isEmpty() ? "ok    " : "FAIL  ")
            + "command ledger: "
            + ledgerCompleted.size()
            + " commands completed, "
            + (completedTwice.isEmpty() ? "none twice" : "completed twice: " + completedTwice));
    if (!startedAgain.isEmpty()) {
      lines.add(
          "      redelivered after a crash, checked before acting: "
              + String.join(", ", startedAgain));
    }

    List<String> unanswered =
        commands.keySet().stream().filter(k -> !results.containsKey(k)).sorted().toList();
    List<String> twoResults =
        results.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(e -> e.getKey() + " (" + e.getValue().size() + " different results)")
            .sorted()
            .toList();
    int resent =
        resultRecords.entrySet().stream()
            .mapToInt(e -> e.getValue() - results.get(e.getKey()).size())
            .sum();
    ok &= twoResults.isEmpty();
    lines.add(
        (twoResults.isEmpty() ? "ok    " : "FAIL  ")
            + results.size()
            + " commands answered, "
            + (twoResults.isEmpty()
                ? "each with one result"
                : "more than one result: " + twoResults)
            + (resent > 0 ? " (" + resent + " recorded results re-sent as they were)" : "")
            + (unanswered.isEmpty() ? "" : "; unanswered: " + unanswered));

    Map<String, Integer> mutating = new TreeMap<>();
    Map<String, Integer> sameRequest = new HashMap<>();
    recorder
        .calls()
        .forEach(
            call -> {
              // a call answered with an error changed nothing: its retry is not a repeat
              // (--fail-step's failing call)
              if (isStateChangingAwsCall(call.operation()) && !call.failed()) {
                mutating.merge(call.operation(), 1, Integer::sum);
                sameRequest.merge(call.operation() + "\n" + call.body(), 1, Integer::sum);
              }
            });
    List<String> repeatedCalls =
        sameRequest.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(e -> e.getKey().substring(0, e.getKey().indexOf('\n')) + " x" + e.getValue())
            .sorted()
            .toList();
    ok &= repeatedCalls.isEmpty();
    lines.add(
        (repeatedCalls.isEmpty() ? "ok    " : "FAIL  ")
            + mutating.values().stream().mapToInt(i -> i).sum()
            + " state-changing AWS calls recorded ("
            + mutating.entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(", "))
            + "), "
            + (repeatedCalls.isEmpty()
                ? "none repeated with the same request"
                : "REPEATED with the same request: " + repeatedCalls));
    return new Outcome(lines, ok);
  }

  /**
   * AWS operations that change something: not a read (Describe, Get, List, ...), and not the sandbox's own
   * non-AWS endpoints (the service's GraphQL health, its cache, chat and paging webhooks).
   */
  static boolean isStateChangingAwsCall(String operation) {
    // X-Amz-Target "Service_Version.Operation", query "Action=Operation", RPC v2 CBOR
    // ".../operation/Operation"
    String op =
        operation.contains("/operation/")
            ? operation.substring(operation.lastIndexOf('/') + 1)
            : operation.contains(".") && !operation.contains(" ")
                ? operation.substring(operation.lastIndexOf('.') + 1)
                : operation.startsWith("query:") ? operation.substring(6) : operation;
    if (op.startsWith("GET ") || op.startsWith("HEAD ")) {
      return false;
    }
    if (op.matches("POST /(graphql|cache|hooks|v2/enqueue|__admin).*")) {
      return false;
    }
    return !op.matches(
        "(Describe|Get|List|Filter|Search|Query|Scan|BatchGet|Lookup|Head|Check|Simulate).*");
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    List<String> topics = new ArrayList<>(COMMAND_TOPICS);
    topics.add(Topics.COMMAND_RESULTS);
    topics.add(Topics.COMMAND_LEDGER);
    try (KafkaConsumer<String, byte[]> consumer =
        SandboxKafka.reader(bootstrapServers, "sandbox-repeat-check-")) {
      SandboxKafka.readToEnd(
          consumer, topics, Duration.ofSeconds(10), Duration.ofSeconds(30), all::add);
    }
    return all;
  }
}
