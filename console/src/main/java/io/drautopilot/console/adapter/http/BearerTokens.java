package io.drautopilot.console.adapter.http;

import org.springframework.security.core.Authentication;

/**
 * The bearer token a call to the orchestrator carries: always the person's who is logged in, so the
 * orchestrator checks their roles and the audit log records them. A token is never shown or logged.
 */
public interface BearerTokens {

  /** Whether this console can call the orchestrator as anyone at all. */
  boolean configured();

  /** The person's token for one call; {@link Missing} says why there is none. */
  String forPerson(Authentication person);

  /** No token for the person: the status and reason the page shows instead of the orchestrator's answer. */
  final class Missing extends RuntimeException {
    private final int status;

    public Missing(int status, String reason) {
      super(reason);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
