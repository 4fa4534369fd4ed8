package io.drautopilot.messaging.command;

import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.messaging.command.CommandLedger.Entry;
import io.drautopilot.messaging.command.CommandLedger.State;
import java.nio.charset.StandardCharsets;
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
   * @throws IllegalArgumentException when the state header names no {@link State}: the ledger cannot
   *     tell what ran, and the reading thread stops rather than guess
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
    State s = State.valueOf(new String(state.value(), StandardCharsets.UTF_8));
    entries.compute(r.key(), (k, old) -> old != null && old.state() == State.COMPLETED && s == State.STARTED
        ? old : new Entry(s, r.value()));
  }

  int size() {
    return entries.size();
  }
}
