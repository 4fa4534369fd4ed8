package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Ledger records as the reading thread gets them back from the topic, for the broker-free tests. */
final class LedgerRecords {

  private LedgerRecords() {}

  /** A record with the given state header ({@code null}: none) and value ({@code null}: a tombstone). */
  static ConsumerRecord<String, byte[]> record(
      int partition, long offset, String key, String state, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    if (state != null) {
      headers.add(EventHeaders.LEDGER_STATE, state.getBytes(StandardCharsets.UTF_8));
    }
    return new ConsumerRecord<>(
        Topics.COMMAND_LEDGER,
        partition,
        offset,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        key,
        value,
        headers,
        Optional.empty());
  }

  static ConsumerRecord<String, byte[]> record(String key, String state, byte[] value) {
    return record(0, 0, key, state, value);
  }
}
