package io.drautopilot.messaging.http;

import io.drautopilot.contracts.common.EventMetadata;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Calls an HTTP API on behalf of a command, the way every handler without an AWS SDK should: bounded timeouts,
 * a few retries of what is worth retrying, and an idempotency key so the API can tell a retry or a redelivered
 * command from a new request.
 *
 * <ul>
 *   <li>Retried: 429, 502, 503 and 504, connection failures and timeouts, with exponential backoff from
 *       {@code initialBackoff} doubling up to {@code maxBackoff}, at most {@code maxAttempts} requests in all. A
 *       {@code Retry-After} (seconds or HTTP date) replaces the backoff when longer; one beyond {@code maxBackoff}
 *       ends the attempts at once, as a retryable failure, so the orchestrator's step retry waits instead of a
 *       blocked consumer.
 *   <li>Not retried: every other 4xx and 5xx, a permanent failure (500 included: the API says it broke, and a
 *       repeat of a non-idempotent call is no safer for it).
 *   <li>Every request of one command carries the same {@code Idempotency-Key} ({@link #idempotencyKeyOf}): from
 *       the command's idempotency key, so a redelivered command, after a crash mid-call, does not post twice to
 *       an API that honours the header.
 * </ul>
 *
 * Failures are {@link HttpCallException}s; {@link HttpFailures} turns them into the command's failure. Messages
 * name the status and an excerpt of the body, never the URL (it may hold a token).
 */
public final class HttpCommandClient {

  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

  private final HttpClient http;
  private final URI baseUri;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Map<String, String> headers;
  private final String idempotencyHeader;
  private final Sleeper sleeper;
  private final Clock clock;

  private HttpCommandClient(Builder b) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.baseUri = b.baseUri;
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.headers = Map.copyOf(b.headers);
    this.idempotencyHeader = b.idempotencyHeader;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
  }

  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * The idempotency key of every request made for a command: a name-based UUID of the command's idempotency key
   * (its event id when it has none). The same for a redelivery of the command, different for the orchestrator's
   * next attempt of the step; a UUID because APIs bound the header's length and characters.
   */
  public static String idempotencyKeyOf(EventMetadata command) {
    String key =
        command.getIdempotencyKey() != null ? command.getIdempotencyKey() : command.getEventId();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** POSTs a JSON body to {@code path} (relative to the base URL) for the command with this metadata. */
  public HttpCallResponse postJson(String path, String json, EventMetadata command)
      throws HttpCallException {
    return send("POST", path, json, idempotencyKeyOf(command));
  }

  /**
   * Sends one request, retried as the class describes.
   *
   * @param body JSON, or null for none
   * @param idempotencyKey sent in the idempotency header on every attempt; null for none (reads)
   */
  public HttpCallResponse send(String method, String path, String body, String idempotencyKey)
      throws HttpCallException {
    HttpRequest request = request(method, path, body, idempotencyKey);
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      HttpCallException failure;
      Duration wait = backoff;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new HttpCallResponse(status, response.body(), response.headers(), attempt);
        }
        boolean retryable = RETRYABLE_STATUSES.contains(status);
        failure =
            new HttpCallException(
                codeOf(status),
                "HTTP "
                    + status
                    + excerpt(response.body())
                    + (attempt > 1 ? " after " + attempt + " attempts" : ""),
                retryable,
                status,
                attempt,
                null);
        if (!retryable) {
          throw failure;
        }
        Optional<Duration> retryAfter = retryAfter(response);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxBackoff) > 0) {
          throw new HttpCallException(
              failure.code(),
              failure.getMessage()
                  + "; Retry-After "
                  + retryAfter.get().toSeconds()
                  + " s is longer than this client waits ("
                  + maxBackoff.toMillis()
                  + " ms)",
              true,
              status,
              attempt,
              null);
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
          wait = retryAfter.get();
        }
      } catch (HttpConnectTimeoutException | ConnectException e) {
        failure =
            new HttpCallException(
                "ConnectionFailed", "could not connect: " + describe(e), true, null, attempt, e);
      } catch (HttpTimeoutException e) {
        failure =
            new HttpCallException(
                "Timeout",
                "no answer within " + requestTimeout.toMillis() + " ms",
                true,
                null,
                attempt,
                e);
      } catch (IOException e) {
        failure = new HttpCallException("ConnectionFailed", describe(e), true, null, attempt, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HttpCallException("Interrupted", "interrupted", true, null, attempt, e);
      }
      if (attempt >= maxAttempts) {
        throw failure;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      backoff = min(backoff.multipliedBy(2), maxBackoff);
    }
  }

  private HttpRequest request(String method, String path, String body, String idempotencyKey) {
    URI uri =
        path == null || path.isEmpty()
            ? baseUri
            : baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    if (idempotencyKey != null) {
      b.header(idempotencyHeader, idempotencyKey);
    }
    return b.build();
  }

  /** Seconds, or an HTTP date (RFC 1123); nothing when absent or unreadable. */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  static String codeOf(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 422 -> "UnprocessableEntity";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalServerError";
      case 502 -> "BadGateway";
      case 503 -> "ServiceUnavailable";
      case 504 -> "GatewayTimeout";
      default -> "Http" + status;
    };
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Waits between attempts; tests replace it to record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Settings of one client; the defaults suit an API answering within seconds. */
  public static final class Builder {
    private final URI baseUri;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String idempotencyHeader = IDEMPOTENCY_KEY_HEADER;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private Clock clock = Clock.systemUTC();

    private Builder(String baseUrl) {
      if (baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException("no base URL configured");
      }
      // a trailing slash, so relative paths resolve below the base URL rather than beside it
      this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** Requests in all, the first included; 1 for no retries. */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = n;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** A header on every request (e.g. {@code Authorization}); never logged. */
    public Builder header(String name, String value) {
      this.headers.put(name, value);
      return this;
    }

    /** For APIs that name it otherwise (e.g. {@code X-Idempotency-Key}). */
    public Builder idempotencyHeader(String name) {
      this.idempotencyHeader = name;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public HttpCommandClient build() {
      return new HttpCommandClient(this);
    }
  }
}
