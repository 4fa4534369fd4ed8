package io.drautopilot.orchestrator.adapter.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Decisions (POSTs under /api/incidents) per person: a token bucket of {@code capacity} refilled
 * at {@code capacity} per {@code period}, in memory. Applied where the decision is made, after a
 * request was sent on to the instance holding the incident, so a request is counted once. An empty
 * bucket answers 429 with {@code Retry-After} and the reason; nothing is acted on.
 */
public final class DecisionRateLimit implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(DecisionRateLimit.class);

  /** Beyond this many people the full buckets are dropped (a full bucket is the same as none). */
  private static final int MAX_BUCKETS = 10_000;

  private final int capacity;
  private final Duration period;
  private final Clock clock;
  private final String roleClaim;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public DecisionRateLimit(int capacity, Duration period, Clock clock, String roleClaim) {
    if (capacity < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(
          "dr.orchestrator.security.decision-rate-limit needs a capacity of at least 1 "
              + "and a positive period (given "
              + capacity
              + " per "
              + period
              + ")");
    }
    this.capacity = capacity;
    this.period = period;
    this.clock = clock;
    this.roleClaim = roleClaim;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!"POST".equals(request.getMethod())) {
      return true;
    }
    Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication(), roleClaim);
    if (buckets.size() > MAX_BUCKETS) {
      long now = clock.millis();
      buckets.values().removeIf(b -> b.full(now));
    }
    long waitMillis =
        buckets
            .computeIfAbsent(caller.name(), n -> new Bucket(clock.millis()))
            .take(clock.millis());
    if (waitMillis == 0) {
      return true;
    }
    long retryAfter = Math.max(1, (waitMillis + 999) / 1000);
    String detail =
        caller.name()
            + " has made "
            + capacity
            + " decisions within "
            + period.toSeconds()
            + " s, the limit (dr.orchestrator.security.decision-rate-limit); retry in "
            + retryAfter
            + " s";
    log.warn("{} {} refused (429): {}", request.getMethod(), request.getRequestURI(), detail);
    response.setHeader("Retry-After", Long.toString(retryAfter));
    ProblemResponses.write(
        request,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "rate-limited",
        detail,
        Map.of("retryAfterSeconds", retryAfter));
    return false;
  }

  private final class Bucket {
    private double tokens = capacity;
    private long refilledAt;

    Bucket(long now) {
      this.refilledAt = now;
    }

    /** Takes one token: 0 when taken, else the milliseconds until one is there. */
    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) * period.toMillis() / capacity);
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      if (now > refilledAt) {
        tokens =
            Math.min(capacity, tokens + (now - refilledAt) * (double) capacity / period.toMillis());
        refilledAt = now;
      }
    }
  }
}
