package io.drautopilot.restore.adapter.cache;

import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.CacheKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's HTTP interface ({@code http://}, {@code https://} endpoints): {@code PUT <url>} with the
 * item as a JSON body and its time to live in {@value #TTL_HEADER} (whole seconds), the URL being
 * {@code <endpoint>/<cacheType>/<key>} ({@link CacheKeys#url}). Any 2xx is success. 429, 5xx,
 * timeouts and I/O errors are retried with exponential backoff and full jitter up to
 * {@code backoff.maxAttempts()} attempts in all; any other status is a failure at once. A warm run's
 * batch is sent from {@code concurrency} threads, one PUT each at a time.
 */
public class HttpCache implements CacheTarget.Factory {

  public static final String TTL_HEADER = "X-Cache-TTL";

  private static final Logger log = LoggerFactory.getLogger(HttpCache.class);

  private final HttpClient http;
  private final Duration requestTimeout;
  private final Backoff backoff;

  public HttpCache(HttpClient http, Duration requestTimeout, Backoff backoff) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.backoff = backoff;
  }

  @Override
  public List<String> schemes() {
    return List.of("http", "https");
  }

  @Override
  public void validate(URI endpoint) {
    // any http(s) URL: the cache front decides what its paths mean
  }

  @Override
  public CacheTarget open(URI endpoint, String cacheType, Duration ttl, int concurrency) {
    return new Target(endpoint.toString(), cacheType, ttl, concurrency);
  }

  public CacheTarget.Outcome put(String url, String jsonBody, Duration ttl)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header(TTL_HEADER, Long.toString(ttl.toSeconds()))
            .PUT(HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    CacheTarget.Outcome last = CacheTarget.Outcome.FAILED;
    for (int attempt = 0; attempt < Math.max(1, backoff.maxAttempts()); attempt++) {
      if (attempt > 0) {
        Thread.sleep(
            backoff.delayBeforeRetry(attempt, ThreadLocalRandom.current()::nextDouble).toMillis());
      }
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return CacheTarget.Outcome.STORED;
        }
        last = CacheTarget.Outcome.FAILED;
        if (status != 429 && status < 500) {
          return last;
        }
      } catch (HttpConnectTimeoutException e) {
        last = CacheTarget.Outcome.UNREACHABLE;
      } catch (HttpTimeoutException e) {
        last = CacheTarget.Outcome.FAILED;
      } catch (IOException e) {
        last = CacheTarget.Outcome.UNREACHABLE;
      }
    }
    return last;
  }

  /** One warm run: {@code concurrency} sender threads. */
  private final class Target implements CacheTarget {

    private final String endpoint;
    private final String cacheType;
    private final Duration ttl;
    private final ExecutorService senders;

    Target(String endpoint, String cacheType, Duration ttl, int concurrency) {
      this.endpoint = endpoint;
      this.cacheType = cacheType;
      this.ttl = ttl;
      this.senders =
          Executors.newFixedThreadPool(
              concurrency,
              runnable -> {
                Thread t = new Thread(runnable, "warm-cache-put-" + cacheType);
                t.setDaemon(true);
                return t;
              });
    }

    @Override
    public List<Outcome> store(List<Entry> batch) throws InterruptedException {
      List<Future<Outcome>> puts = new ArrayList<>(batch.size());
      for (Entry entry : batch) {
        String url = CacheKeys.url(endpoint, cacheType, entry.key());
        puts.add(senders.submit(() -> put(url, entry.json(), ttl)));
      }
      List<Outcome> outcomes = new ArrayList<>(batch.size());
      for (Future<Outcome> put : puts) {
        try {
          outcomes.add(put.get());
        } catch (ExecutionException e) {
          outcomes.add(Outcome.FAILED);
          log.warn("cache PUT failed: {}", e.getCause().toString());
        }
      }
      return outcomes;
    }

    @Override
    public void close() {
      senders.shutdownNow();
    }
  }
}
