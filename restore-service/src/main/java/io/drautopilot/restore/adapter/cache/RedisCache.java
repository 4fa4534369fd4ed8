package io.drautopilot.restore.adapter.cache;

import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.CacheKeys;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis cache ({@code redis://host[:port][/db]}, {@code rediss://} for TLS) through Lettuce: each
 * item is {@code SET <cacheType>:<key> <json> EX <ttl seconds>} ({@link CacheKeys#redisKey}). A warm
 * run opens one connection, on its first batch, and closes it at its end; a batch's SETs are
 * pipelined on it, at most {@code concurrency} of them awaiting their reply at any time. One client
 * (two event loop threads) serves every run and is shut down with this object.
 *
 * <p>Credentials come only from configuration ({@code dr.restore.cache.redis.password}, and
 * {@code dr.restore.cache.redis.username} for a Redis 6 ACL user): an endpoint with user info is
 * refused, so a password never travels in a command, an event or a log line. A connection whose
 * credentials the server refuses (or that the server asks for) ends the run with
 * {@code CacheAuthenticationFailed}, not retryable.
 *
 * <p>Retries, as for HTTP: SETs that time out, fail on a broken connection (it is opened again) or
 * get a transient error ({@code LOADING}, {@code BUSY}, {@code TRYAGAIN}, {@code MASTERDOWN},
 * {@code CLUSTERDOWN}) are sent again with exponential backoff and full jitter, up to
 * {@code backoff.maxAttempts()} attempts in all; any other error reply fails the item at once. An
 * item never answered (no connection) is {@code UNREACHABLE}, one refused or timed out
 * {@code FAILED}.
 */
public class RedisCache implements CacheTarget.Factory, AutoCloseable {

  public static final int DEFAULT_PORT = 6379;
  public static final String PASSWORD_PROPERTY = "dr.restore.cache.redis.password";
  public static final String PASSWORD_ENV = "DR_RESTORE_CACHE_REDIS_PASSWORD";

  private static final Logger log = LoggerFactory.getLogger(RedisCache.class);
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN");
  private static final Set<String> AUTH_ERRORS = Set.of("WRONGPASS", "NOAUTH", "NOPERM");
  private static final Pattern DATABASE = Pattern.compile("/\\d{1,5}");

  private final String username;
  private final String password;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final Backoff backoff;
  private ClientResources resources;
  private RedisClient client;

  /**
   * @param username the ACL user, or null/blank for the default user; used only with a password
   * @param password null or blank when the cache asks for none
   */
  public RedisCache(
      String username,
      String password,
      Duration connectTimeout,
      Duration commandTimeout,
      Backoff backoff) {
    this.username = username == null || username.isBlank() ? null : username;
    this.password = password == null || password.isEmpty() ? null : password;
    this.connectTimeout = connectTimeout;
    this.commandTimeout = commandTimeout;
    this.backoff = backoff;
  }

  @Override
  public List<String> schemes() {
    return List.of("redis", "rediss");
  }

  @Override
  public void validate(URI endpoint) {
    String shown = CacheEndpoints.redact(endpoint.toString());
    if (endpoint.getRawUserInfo() != null
        || (endpoint.getRawAuthority() != null && endpoint.getRawAuthority().contains("@"))) {
      throw unsupported(
          "the Redis endpoint "
              + shown
              + " carries credentials; give it as "
              + endpoint.getScheme()
              + "://host:port[/db] and set "
              + PASSWORD_PROPERTY
              + " (env "
              + PASSWORD_ENV
              + "), and dr.restore.cache.redis.username for an ACL user, instead");
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw unsupported("a Redis endpoint takes no query or fragment: " + shown);
    }
    if (endpoint.getHost() == null) {
      throw unsupported(
          "no host in the Redis endpoint " + shown + " (redis://host:port[/db] or rediss://...)");
    }
    database(endpoint);
  }

  @Override
  public CacheTarget open(URI endpoint, String cacheType, Duration ttl, int concurrency) {
    return new Target(redisUri(endpoint), cacheType, ttl, concurrency);
  }

  /** The connection's address, database, TLS and the configured credentials (never the endpoint's). */
  RedisURI redisUri(URI endpoint) {
    String host = endpoint.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(host)
            .withPort(endpoint.getPort() < 0 ? DEFAULT_PORT : endpoint.getPort())
            .withDatabase(database(endpoint))
            .withSsl("rediss".equalsIgnoreCase(endpoint.getScheme()))
            .withTimeout(commandTimeout);
    if (password != null) {
      if (username != null) {
        uri.withAuthentication(username, password.toCharArray());
      } else {
        uri.withPassword(password.toCharArray());
      }
    }
    return uri.build();
  }

  private static int database(URI endpoint) {
    String path = endpoint.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    if (!DATABASE.matcher(path).matches()) {
      throw unsupported(
          "the path of a Redis endpoint is its database number (redis://host:port/0), not "
              + CacheEndpoints.redact(endpoint.toString()));
    }
    return Integer.parseInt(path.substring(1));
  }

  private static RestoreRefusedException unsupported(String message) {
    return new RestoreRefusedException("UnsupportedCacheEndpoint", message, false);
  }

  /** The client, and its event loops, shared by the warm runs (each with its own connection). */
  private synchronized RedisClient client() {
    if (client == null) {
      resources =
          DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
      client = RedisClient.create(resources);
      client.setOptions(clientOptions());
    }
    return client;
  }

  /** Shuts the shared client and its event loops down. */
  @Override
  public synchronized void close() {
    if (client != null) {
      try {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        log.debug("the Redis client did not shut down cleanly: {}", e.toString());
      }
      client = null;
    }
    if (resources != null) {
      try {
        resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.debug("Redis client resources did not shut down cleanly: {}", e.toString());
      }
      resources = null;
    }
  }

  private ClientOptions clientOptions() {
    return ClientOptions.builder()
        .autoReconnect(false)
        .pingBeforeActivateConnection(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(
            SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .build();
  }

  private static boolean isTransient(Throwable error) {
    if (error instanceof RedisCommandExecutionException e) {
      return TRANSIENT_ERRORS.contains(errorCode(e));
    }
    return true; // timeouts, a broken or refused connection
  }

  private static CacheTarget.Outcome outcomeOf(Throwable error) {
    return error instanceof RedisCommandExecutionException
            || error instanceof RedisCommandTimeoutException
        ? CacheTarget.Outcome.FAILED
        : CacheTarget.Outcome.UNREACHABLE;
  }

  /** The error code of an error reply (its first word, e.g. {@code WRONGPASS}), or null. */
  private static String errorCode(RedisCommandExecutionException e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return null;
    }
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }

  /** The error code when the connection failed on its credentials, or null. */
  private static String authenticationError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException e && e.getMessage() != null) {
        String code = errorCode(e);
        String message = e.getMessage();
        if (AUTH_ERRORS.contains(code)
            || message.startsWith("ERR AUTH")
            || message.startsWith("ERR Client sent AUTH")
            || message.contains("invalid password")
            || message.contains("invalid username-password")) {
          return code;
        }
      }
    }
    return null;
  }

  /** One warm run: one connection of the shared client, opened on the first batch and again after it broke. */
  private final class Target implements CacheTarget {

    private final RedisURI uri;
    private final String where;
    private final String cacheType;
    private final SetArgs expiry;
    private final int concurrency;
    private StatefulRedisConnection<String, String> connection;

    Target(RedisURI uri, String cacheType, Duration ttl, int concurrency) {
      this.uri = uri;
      this.where =
          (uri.isSsl() ? "rediss://" : "redis://")
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "/"
              + uri.getDatabase();
      this.cacheType = cacheType;
      this.expiry = SetArgs.Builder.ex(Math.max(1, ttl.toSeconds()));
      this.concurrency = concurrency;
    }

    @Override
    public List<Outcome> store(List<Entry> batch) throws InterruptedException {
      Outcome[] outcomes = new Outcome[batch.size()];
      List<Integer> pending = IntStream.range(0, batch.size()).boxed().toList();
      String lastError = null;
      for (int attempt = 0;
          attempt < Math.max(1, backoff.maxAttempts()) && !pending.isEmpty();
          attempt++) {
        if (attempt > 0) {
          Thread.sleep(
              backoff
                  .delayBeforeRetry(attempt, ThreadLocalRandom.current()::nextDouble)
                  .toMillis());
        }
        String connectError = connect();
        if (connectError != null) {
          pending.forEach(i -> outcomes[i] = Outcome.UNREACHABLE);
          lastError = connectError;
          continue;
        }
        List<Integer> retry = new ArrayList<>();
        String error = send(batch, pending, outcomes, retry);
        lastError = error == null ? lastError : error;
        pending = retry;
      }
      long notStored = Arrays.stream(outcomes).filter(o -> o != Outcome.STORED).count();
      if (notStored > 0) {
        log.warn(
            "{} of {} SETs to {} failed, last error: {}",
            notStored,
            batch.size(),
            where,
            lastError);
      }
      return Arrays.asList(outcomes);
    }

    /** Sends the pending entries, at most {@code concurrency} awaiting a reply; @return the last error */
    private String send(
        List<Entry> batch, List<Integer> pending, Outcome[] outcomes, List<Integer> retry)
        throws InterruptedException {
      Semaphore inFlight = new Semaphore(concurrency);
      RedisAsyncCommands<String, String> redis = connection.async();
      List<CompletableFuture<String>> sets = new ArrayList<>(pending.size());
      for (int i : pending) {
        Entry entry = batch.get(i);
        inFlight.acquire();
        CompletableFuture<String> set;
        try {
          set =
              redis
                  .set(CacheKeys.redisKey(cacheType, entry.key()), entry.json(), expiry)
                  .toCompletableFuture();
        } catch (RuntimeException e) {
          set = CompletableFuture.failedFuture(e);
        }
        set.whenComplete((reply, error) -> inFlight.release());
        sets.add(set);
      }
      String lastError = null;
      long awaitMillis = commandTimeout.toMillis() + connectTimeout.toMillis() + 1000;
      for (int n = 0; n < sets.size(); n++) {
        int i = pending.get(n);
        try {
          String reply = sets.get(n).get(awaitMillis, TimeUnit.MILLISECONDS);
          outcomes[i] = "OK".equals(reply) ? Outcome.STORED : Outcome.FAILED;
        } catch (ExecutionException e) {
          Throwable error = e.getCause();
          outcomes[i] = outcomeOf(error);
          lastError = error.toString();
          if (isTransient(error)) {
            retry.add(i);
          }
        } catch (CancellationException | TimeoutException e) {
          outcomes[i] = Outcome.FAILED;
          lastError = e.toString();
          retry.add(i);
        }
      }
      return lastError;
    }

    /** Opens the connection unless it is open; @return why it could not be opened, or null */
    private String connect() {
      if (connection != null && connection.isOpen()) {
        return null;
      }
      closeConnection();
      try {
        connection = client().connect(StringCodec.UTF8, uri);
        return null;
      } catch (RedisException e) {
        String code = authenticationError(e);
        if (code != null) {
          throw new RestoreRefusedException(
              "CacheAuthenticationFailed",
              "the Redis cache at "
                  + where
                  + " refused the connection ("
                  + code
                  + "): "
                  + (password == null
                      ? "it asks for a password, set "
                          + PASSWORD_PROPERTY
                          + " (env "
                          + PASSWORD_ENV
                          + ")"
                      : "check " + PASSWORD_PROPERTY + " and dr.restore.cache.redis.username"),
              false);
        }
        log.debug("no connection to the Redis cache at {}: {}", where, e.toString());
        return e.toString();
      }
    }

    private void closeConnection() {
      if (connection != null) {
        try {
          connection.close();
        } catch (RuntimeException e) {
          log.debug("closing the connection to {}: {}", where, e.toString());
        }
        connection = null;
      }
    }

    @Override
    public void close() {
      closeConnection();
    }
  }
}
