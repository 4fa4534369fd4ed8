package io.drautopilot.restore.adapter.cache;

import io.drautopilot.restore.domain.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cache's HTTP interface: {@code PUT <url>} with the item as a JSON body and its time to live in
 * {@value #TTL_HEADER} (whole seconds). Any 2xx is success. 429, 5xx, timeouts and I/O errors are
 * retried with exponential backoff and full jitter up to {@code backoff.maxAttempts()} attempts in
 * all; any other status is a failure at once.
 */
public class HttpCache {

  public static final String TTL_HEADER = "X-Cache-TTL";

  /** How one PUT ended: stored, refused, or never answered (endpoint down or unreachable). */
  public enum Outcome { STORED, FAILED, UNREACHABLE }

  private final HttpClient http;
  private final Duration requestTimeout;
  private final Backoff backoff;

  public HttpCache(HttpClient http, Duration requestTimeout, Backoff backoff) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.backoff = backoff;
  }

  public Outcome put(String url, String jsonBody, Duration ttl) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
        .header("Content-Type", "application/json").header(TTL_HEADER, Long.toString(ttl.toSeconds()))
        .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
    Outcome last = Outcome.FAILED;
    for (int attempt = 0; attempt < Math.max(1, backoff.maxAttempts()); attempt++) {
      if (attempt > 0) {
        Thread.sleep(backoff.delayBeforeRetry(attempt, ThreadLocalRandom.current()::nextDouble).toMillis());
      }
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return Outcome.STORED;
        }
        last = Outcome.FAILED;
        if (status != 429 && status < 500) {
          return last;
        }
      } catch (HttpConnectTimeoutException e) {
        last = Outcome.UNREACHABLE;
      } catch (HttpTimeoutException e) {
        last = Outcome.FAILED;
      } catch (IOException e) {
        last = Outcome.UNREACHABLE;
      }
    }
    return last;
  }
}
