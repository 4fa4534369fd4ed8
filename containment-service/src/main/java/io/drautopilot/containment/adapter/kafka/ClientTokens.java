package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.contracts.common.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The client token handed to AWS for one command's action. */
final class ClientTokens {

  private ClientTokens() {}

  /**
   * The same for every delivery of one command (AWS deduplicates on it), in the UUID form Secrets
   * Manager wants for a version id.
   */
  static String of(EventMetadata command) {
    String key =
        command.getIdempotencyKey() != null ? command.getIdempotencyKey() : command.getEventId();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
