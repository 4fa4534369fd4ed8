package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.adapter.http.TokenRefusedException.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Every 401: Spring's {@code WWW-Authenticate: Bearer ...} header, a problem body saying why, the
 * failure counted in {@value #FAILURES} by reason, and a log line that never holds the token.
 */
public final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

  public static final String FAILURES = "dr.api.authentication.failures";
  private static final Logger log = LoggerFactory.getLogger(ApiAuthenticationEntryPoint.class);

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final MeterRegistry meters;
  private final String missingHint;

  /** @param missingHint added to the answer to a request without a token (e.g. that no identity provider is configured) */
  public ApiAuthenticationEntryPoint(MeterRegistry meters, String missingHint) {
    this.meters = meters;
    this.missingHint = missingHint;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    TokenRefusedException refused = refusal(failure);
    boolean presented = request.getHeader("Authorization") != null;
    Reason reason =
        refused != null ? refused.reason() : presented ? Reason.MALFORMED : Reason.MISSING;
    String detail =
        refused != null
            ? refused.getMessage()
            : presented
                ? "the Authorization header holds no usable bearer token: " + failure.getMessage()
                : "a bearer token is required (Authorization: Bearer <access token>)" + missingHint;
    meters.counter(FAILURES, "reason", reason.tag()).increment();
    log.warn(
        "{} {} refused (401, {}): {}",
        request.getMethod(),
        request.getRequestURI(),
        reason.tag(),
        detail);
    bearer.commence(request, response, failure);
    ProblemResponses.write(
        request, response, HttpStatus.UNAUTHORIZED, reason.tag(), detail, Map.of());
  }

  private static TokenRefusedException refusal(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TokenRefusedException r) {
        return r;
      }
    }
    return null;
  }
}
