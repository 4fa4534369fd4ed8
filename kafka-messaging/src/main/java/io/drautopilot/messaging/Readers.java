package io.drautopilot.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Consumers used as readers: partitions assigned, positions their own, no group joined and no offset
 * committed (a ledger's tail, a log read to its end, a board rebuilt from the beginning).
 */
public final class Readers {

  /**
   * How long a reader's close waits for the broker. A plain {@code close()} waits for the answer to
   * the closing of its fetch session, and the broker holds that request like any fetch, up to {@code
   * fetch.max.wait.ms} (500 ms by default; KAFKA-19884 documents it): half a second on every stop and
   * every log read to its end. A reader has nothing else to finish at close (no group to leave, no
   * offset to commit), and a session it leaves open is evicted from the broker's session cache when
   * that needs the slot.
   */
  static final Duration CLOSE_WAIT = Duration.ZERO;

  private Readers() {}

  /** Closes {@code reader} without waiting for the broker to answer the close of its fetch session. */
  public static void close(Consumer<?, ?> reader) {
    reader.close(CloseOptions.timeout(CLOSE_WAIT));
  }
}
