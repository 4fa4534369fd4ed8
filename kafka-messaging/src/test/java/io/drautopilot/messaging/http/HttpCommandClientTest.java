package io.drautopilot.messaging.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared HTTP client against a JDK {@link HttpServer} on loopback that answers from a script. */
class HttpCommandClientTest {

  static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

  /** One scripted answer: status, Retry-After (or null), body, delay before answering. */
  record Answer(int status, String retryAfter, String body, Duration delay) {
    static Answer of(int status) {
      return new Answer(status, null, "{\"id\":\"upd-1\"}", Duration.ZERO);
    }

    static Answer retryAfter(int status, String value) {
      return new Answer(status, value, "slow down", Duration.ZERO);
    }
  }

  /** What the server received. */
  record Received(
      String method, String path, String idempotencyKey, String contentType, String body) {}

  HttpServer server;
  final Deque<Answer> script = new ArrayDeque<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst(HttpCommandClient.IDEMPOTENCY_KEY_HEADER),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    Answer a;
    synchronized (script) {
      a = script.isEmpty() ? Answer.of(200) : script.poll();
    }
    try {
      Thread.sleep(a.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (a.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
    }
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    try {
      exchange.sendResponseHeaders(a.status(), body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException clientGone) {
      // the client timed out first
    }
    exchange.close();
  }

  void willAnswer(Answer... answers) {
    script.addAll(List.of(answers));
  }

  HttpCommandClient.Builder client() {
    return HttpCommandClient.builder(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/statuspage")
        .backoff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .sleeper(waits::add)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static EventMetadata command(String idempotencyKey) {
    return EventMetadata.newBuilder()
        .setEventId("evt-" + idempotencyKey)
        .setIncidentId("inc-1")
        .setCorrelationId("inc-1")
        .setOccurredAt(NOW)
        .setProducer("test")
        .setIdempotencyKey(idempotencyKey)
        .build();
  }

  @Test
  void shouldRetryUnavailableWithDoublingBackoffAndTheSameIdempotencyKey() throws Exception {
    // given an API that is unavailable twice, then answers
    willAnswer(Answer.of(503), Answer.of(502), Answer.of(201));

    // when
    HttpCallResponse response =
        client()
            .build()
            .postJson(
                "updates", "{\"status\":\"investigating\"}", command("inc-1/publish-status/1"));

    // then three requests, 200 ms then 400 ms apart, all with one key derived from the command
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.attempts()).isEqualTo(3);
    assertThat(response.body()).contains("upd-1");
    assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(received)
        .extracting(Received::idempotencyKey)
        .containsOnly(HttpCommandClient.idempotencyKeyOf(command("inc-1/publish-status/1")));
    assertThat(received).extracting(Received::path).containsOnly("/statuspage/updates");
    assertThat(received.get(0).contentType()).isEqualTo("application/json");
    assertThat(received.get(0).body()).isEqualTo("{\"status\":\"investigating\"}");
  }

  @Test
  void shouldWaitAsLongAsRetryAfterSaysWhenLongerThanTheBackoff() throws Exception {
    willAnswer(
        Answer.retryAfter(429, "2"),
        Answer.retryAfter(
            429,
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(NOW.plusSeconds(3), ZoneOffset.UTC))),
        Answer.of(200));

    HttpCallResponse response =
        client().build().postJson("updates", "{}", command("k-retry-after"));

    assertThat(response.attempts()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void shouldGiveUpAtOnceAsRetryableWhenRetryAfterIsLongerThanTheClientWaits() {
    willAnswer(Answer.retryAfter(503, "600"));

    HttpCallException e =
        catchThrowableOfType(
            HttpCallException.class,
            () -> client().build().postJson("updates", "{}", command("k-long")));

    assertThat(e.code()).isEqualTo("ServiceUnavailable");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("Retry-After 600 s");
    assertThat(received).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldNotRetryAClientErrorAndReportItAsPermanent() {
    willAnswer(new Answer(422, null, "{\"error\":\"component unknown\"}", Duration.ZERO));

    HttpCallException e =
        catchThrowableOfType(
            HttpCallException.class,
            () -> client().build().postJson("updates", "{}", command("k-422")));

    assertThat(e.code()).isEqualTo("UnprocessableEntity");
    assertThat(e.retryable()).isFalse();
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage())
        .contains("HTTP 422")
        .contains("component unknown")
        .doesNotContain("127.0.0.1");
    assertThat(received).hasSize(1);
  }

  @Test
  void shouldNotRetryAnInternalServerError() {
    willAnswer(Answer.of(500));

    HttpCallException e =
        catchThrowableOfType(
            HttpCallException.class,
            () -> client().build().postJson("updates", "{}", command("k-500")));

    assertThat(e.retryable()).isFalse();
    assertThat(received).hasSize(1);
  }

  @Test
  void shouldStopAfterMaxAttemptsWithARetryableFailure() {
    willAnswer(Answer.of(504), Answer.of(504), Answer.of(504), Answer.of(504), Answer.of(504));

    HttpCallException e =
        catchThrowableOfType(
            HttpCallException.class,
            () ->
                client()
                    .maxAttempts(3)
                    .backoff(Duration.ofMillis(100), Duration.ofMillis(150))
                    .build()
                    .postJson("updates", "{}", command("k-504")));

    assertThat(e.code()).isEqualTo("GatewayTimeout");
    assertThat(e.retryable()).isTrue();
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(received).hasSize(3);
    // doubling, bounded by the maximum
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void shouldRetryConnectionFailuresAndReportThemAsRetryable() {
    int closed = closedPort();

    HttpCallException e =
        catchThrowableOfType(
            HttpCallException.class,
            () ->
                HttpCommandClient.builder("http://127.0.0.1:" + closed)
                    .maxAttempts(2)
                    .sleeper(waits::add)
                    .build()
                    .postJson("updates", "{}", command("k-refused")));

    assertThat(e.code()).isEqualTo("ConnectionFailed");
    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isNull();
    assertThat(waits).hasSize(1);
  }

  @Test
  void shouldTimeOutASlowAnswerAsRetryable() {
    willAnswer(
        new Answer(200, null, "late", Duration.ofSeconds(2)),
        new Answer(200, null, "late", Duration.ofSeconds(2)));

    HttpCallException e =
        catchThrowableOfType(
            HttpCallException.class,
            () ->
                client()
                    .requestTimeout(Duration.ofMillis(300))
                    .maxAttempts(1)
                    .build()
                    .postJson("updates", "{}", command("k-slow")));

    assertThat(e.code()).isEqualTo("Timeout");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void shouldKeepTheIdempotencyKeyForARedeliveryAndChangeItForTheNextAttemptOfTheStep() {
    String first = HttpCommandClient.idempotencyKeyOf(command("inc-1/publish-status/1"));

    assertThat(HttpCommandClient.idempotencyKeyOf(command("inc-1/publish-status/1")))
        .isEqualTo(first);
    assertThat(HttpCommandClient.idempotencyKeyOf(command("inc-1/publish-status/2")))
        .isNotEqualTo(first);
    assertThat(first).hasSize(36).doesNotContain("inc-1");
  }

  @Test
  void shouldMapFailuresToTheCommandFailureWithTheirRetryability() {
    CommandFailure unavailable =
        HttpFailures.ofAny(
            new HttpCallException("ServiceUnavailable", "HTTP 503", true, 503, 4, null));
    CommandFailure io = HttpFailures.ofAny(new IOException("reset"));
    CommandFailure bug = HttpFailures.ofAny(new IllegalStateException("no template"));

    assertThat(unavailable.getCode()).isEqualTo("ServiceUnavailable");
    assertThat(unavailable.getRetryable()).isTrue();
    assertThat(unavailable.getAwsRequestId()).isNull();
    assertThat(io.getRetryable()).isTrue();
    assertThat(bug.getCode()).isEqualTo("IllegalStateException");
    assertThat(bug.getRetryable()).isFalse();
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
