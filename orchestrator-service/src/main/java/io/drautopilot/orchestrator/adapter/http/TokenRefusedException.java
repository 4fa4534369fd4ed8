package io.drautopilot.orchestrator.adapter.http;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A bearer token refused, with why in one word: the tag of the authentication-failure counter and
 * the {@code reason} of the 401 answer. The message never holds the token.
 */
public class TokenRefusedException extends BadJwtException {

  /** Why a token was refused; each is a tag value of {@code dr.api.authentication.failures}. */
  public enum Reason {
    EXPIRED("expired"),
    INVALID_SIGNATURE("invalid-signature"),
    WRONG_ISSUER("wrong-issuer"),
    WRONG_AUDIENCE("wrong-audience"),
    UNSUPPORTED_ALGORITHM("unsupported-algorithm"),
    MALFORMED("malformed"),
    MISSING("missing"),
    INVALID_CLAIMS("invalid-claims"),
    ISSUER_UNAVAILABLE("issuer-unavailable"),
    NOT_CONFIGURED("not-configured");

    private final String tag;

    Reason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private final Reason reason;

  public TokenRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TokenRefusedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
