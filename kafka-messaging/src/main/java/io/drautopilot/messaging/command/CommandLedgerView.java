package io.drautopilot.messaging.command;

import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.messaging.command.CommandLedger.Entry;
import io.drautopilot.messaging.command.CommandLedger.State;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What one handler's ledger knows, and how each record read back from {@code command-ledger} changes
 * it. Kept apart from the consumer that reads the topic so that these decisions (whose records count,
 * what a deleted or stateless record means, which of two records for one command wins) are checked
 * without a broker; {@link CommandLedgerReader} hands it every record in partition order.
 *
 * <p>Written to by the reading thread and by the handler's own writes, read by the listener threads:
 * hence the concurrent map.
 */
final class CommandLedgerView {

  private final String prefix;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  CommandLedgerView(String handler) {
    this.prefix = handler + ":";
  }

  /** The topic's key for a command: {@code <handler>:<idempotencyKey>}, so handlers share the topic. */
  String key(String idempotencyKey) {
    return prefix + idempotencyKey;
  }

  Optional<Entry> find(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** An entry this instance wrote itself, once the broker took it. */
  void recorded(String key, Entry entry) {
    entries.put(key, entry);
  }

  /**
   * One record read back. Another handler's records (and keyless ones) are none of this ledger's
   * business; a tombstone, or a record without a state (left by an older version), forgets the
   * command; otherwise the record's state is taken, except that a STARTED never replaces a COMPLETED:
   * a retried start write can land after the completion, and taking it would run the command again.
   *
   * @throws IllegalArgumentException when the state header of one of its own records names no
   *     {@link State}: the ledger cannot tell what ran, and the reading thread stops rather than guess;
   *     the message names the record (topic, partition, offset, key) and the operator's way out
   */
  void apply(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null || !r.key().startsWith(prefix)) {
      return;
    }
    Header state = r.headers().lastHeader(EventHeaders.LEDGER_STATE);
    if (r.value() == null || state == null) {
      entries.remove(r.key());
      return;
    }
    State s = state(r, new String(state.value(), StandardCharsets.UTF_8));
    entries.compute(
        r.key(),
        (k, old) ->
            old != null && old.state() == State.COMPLETED && s == State.STARTED
                ? old
                : new Entry(s, r.value()));
  }

  private static State state(ConsumerRecord<String, byte[]> r, String name) {
    try {
      return State.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the ledger record at "
              + r.topic()
              + " partition "
              + r.partition()
              + " offset "
              + r.offset()
              + ", key "
              + r.key()
              + ", has the state "
              + name
              + ", none of "
              + Arrays.toString(State.values())
              + ": whether that command ran cannot be told, so the ledger stops"
              + " reading rather than risk acting on it twice. Check what the command really did (or run the"
              + " version of the service that wrote that state), then write to "
              + r.topic()
              + " under key "
              + r.key()
              + " either a tombstone (the command is forgotten: a redelivery acts again) or an empty record with"
              + " header "
              + EventHeaders.LEDGER_STATE
              + "="
              + State.STARTED
              + " (a redelivery is handed over as"
              + " half-done, to be checked before acting)",
          e);
    }
  }

  int size() {
    return entries.size();
  }
}
