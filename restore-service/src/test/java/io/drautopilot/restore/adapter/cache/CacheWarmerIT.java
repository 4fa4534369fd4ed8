package io.drautopilot.restore.adapter.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.fppt.jedismock.RedisServer;
import com.github.fppt.jedismock.datastructures.Slice;
import com.github.fppt.jedismock.operations.server.MockExecutor;
import com.github.fppt.jedismock.server.RedisCommandInterceptor;
import com.github.fppt.jedismock.server.ServiceOptions;
import com.github.fppt.jedismock.storage.OperationExecutorState;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.drautopilot.aws.AwsFailures;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.restore.adapter.aws.TestTables;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache warming from a real dynalite table into a real HTTP server and a real RESP server (jedis-mock,
 * read back with Lettuce; {@link RequirePass} gives it Redis' {@code requirepass} behaviour).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheWarmerIT {

  static final String TABLE = "warm-entities";
  static final int EMPLOYEES = 230;
  static final String ODD_PK = "DEPT#R&D/1 a";

  final DynamoDbClient dynamo = Dynalite.shared().client();
  final JsonMapper json = new JsonMapper();
  final SlowResponses slow = new SlowResponses();
  WireMockServer server;
  final List<long[]> progress = new CopyOnWriteArrayList<>();
  final RequirePass requirePass = new RequirePass();
  RedisServer redisServer;
  RedisClient redisClient;
  RedisCommands<String, String> redis;
  final List<RedisCache> redisCaches = new CopyOnWriteArrayList<>();

  @BeforeAll
  void givenATableOfEmployeesAndDepartmentsAndACache() throws Exception {
    TestTables.createEntitiesTable(dynamo, TABLE);
    TestTables.fill(dynamo, TABLE, EMPLOYEES, 2);
    for (int i = 0; i < 5; i++) {
      Map<String, AttributeValue> department = new HashMap<>();
      department.put("PK", AttributeValue.fromS(i == 0 ? ODD_PK : "DEPT#" + i));
      department.put("SK", AttributeValue.fromS("PROFILE"));
      department.put("entityType", AttributeValue.fromS("Department"));
      dynamo.putItem(b -> b.tableName(TABLE).item(department));
    }
    server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").containerThreads(60).extensions(slow));
    server.start();
    redisServer =
        RedisServer.newRedisServer(0, InetAddress.getLoopbackAddress())
            .setOptions(ServiceOptions.withInterceptor(requirePass))
            .start();
    redisClient =
        RedisClient.create(
            RedisURI.builder()
                .withHost(redisServer.getHost())
                .withPort(redisServer.getBindPort())
                .withPassword(RequirePass.READER_PASSWORD.toCharArray())
                .build());
    redis = redisClient.connect().sync();
  }

  @AfterAll
  void stopCache() throws Exception {
    server.stop();
    redisClient.shutdown();
    redisServer.stop();
    redisCaches.forEach(RedisCache::close);
  }

  @BeforeEach
  void cacheAcceptsEverything() {
    server.resetAll();
    server.stubFor(any(urlPathMatching("/cache/.*")).willReturn(aResponse().withStatus(204)));
    slow.delayMillis = 0;
    slow.inFlight.set(0);
    slow.maxInFlight.set(0);
    progress.clear();
    requirePass.reset();
    redis.flushall();
  }

  CacheWarmer warmer(int maxAttempts) {
    return warmer(maxAttempts, null, null);
  }

  /** HTTP and Redis, as the service wires them, the Redis credentials as configured. */
  CacheWarmer warmer(int maxAttempts, String redisUsername, String redisPassword) {
    Backoff backoff = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), maxAttempts);
    HttpCache cache =
        new HttpCache(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build(),
            Duration.ofSeconds(5),
            backoff);
    RedisCache redisCache =
        new RedisCache(
            redisUsername, redisPassword, Duration.ofSeconds(2), Duration.ofSeconds(5), backoff);
    redisCaches.add(redisCache);
    return new CacheWarmer(
        region -> dynamo,
        List.of(cache, redisCache),
        new CacheWarmer.Options(
            Duration.ofMinutes(30),
            Map.of("employee", "Employee", "department", "Department"),
            3,
            40,
            64));
  }

  String redisEndpoint() {
    return "redis://" + redisServer.getHost() + ":" + redisServer.getBindPort();
  }

  CacheWarmer.Warmed warmRedis(
      CacheWarmer warmer, String cacheType, int batchSize, int concurrency, int itemLimit) {
    return warmer.warm(
        new CacheWarmer.Request(
            cacheType, TABLE, "us-east-1", redisEndpoint(), batchSize, concurrency, itemLimit),
        (done, total, rate, message) -> progress.add(new long[] {done, total}));
  }

  CacheWarmer.Warmed warm(String cacheType, int batchSize, int concurrency, int itemLimit) {
    return warmer(3)
        .warm(
            new CacheWarmer.Request(
                cacheType,
                TABLE,
                "us-east-1",
                server.baseUrl() + "/cache",
                batchSize,
                concurrency,
                itemLimit),
            (done, total, rate, message) -> progress.add(new long[] {done, total}));
  }

  List<LoggedRequest> puts() {
    return server.findAll(putRequestedFor(anyUrl()));
  }

  @Test
  void shouldPutEveryItemOfTheCacheTypesEntityOnceAtItsKeyWithTheItemAndTheTtl() throws Exception {
    CacheWarmer.Warmed warmed = warm("employee", 50, 8, 1000);

    assertThat(warmed.itemsWarmed()).isEqualTo(EMPLOYEES);
    assertThat(warmed.itemsFailed()).isZero();
    List<LoggedRequest> puts = puts();
    assertThat(puts)
        .extracting(LoggedRequest::getUrl)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, EMPLOYEES)
                .mapToObj(i -> "/cache/employee/EMPLOYEE%23" + i + "%7CPROFILE")
                .toList());
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(EMPLOYEES);
    LoggedRequest seven =
        puts.stream()
            .filter(p -> p.getUrl().endsWith("EMPLOYEE%237%7CPROFILE"))
            .findFirst()
            .orElseThrow();
    assertThat(seven.getHeader("X-Cache-TTL")).isEqualTo("1800");
    assertThat(seven.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = json.readTree(seven.getBodyAsString());
    assertThat(body.at("/Item/PK/S").asString()).isEqualTo("EMPLOYEE#7");
    assertThat(body.at("/Item/n/N").asString()).isEqualTo("7");
    assertThat(body.at("/Item/profile/M/name/S").asString()).isEqualTo("Employee 7");
    assertThat(body.at("/Item/tags/SS").isArray()).isTrue();
    // one progress report per batch of 50, then the final one
    assertThat(progress).extracting(p -> p[0]).containsExactly(50L, 100L, 150L, 200L, 230L, 230L);
    assertThat(progress.get(progress.size() - 1)[1]).isEqualTo(230L);
  }

  @Test
  void shouldStopAtTheItemLimitAndEncodeKeysAsOnePathSegment() {
    CacheWarmer.Warmed limited = warm("everything", 25, 4, 60);

    assertThat(limited.itemsWarmed()).isEqualTo(60);
    assertThat(puts()).hasSize(60);

    server.resetRequests();
    CacheWarmer.Warmed departments = warm("department", 25, 4, 1000);

    assertThat(departments.itemsWarmed()).isEqualTo(5);
    assertThat(puts())
        .extracting(LoggedRequest::getUrl)
        .hasSize(5)
        .contains("/cache/department/DEPT%23R%26D%2F1%20a%7CPROFILE");
  }

  @Test
  void shouldSendInBatchesOfBatchSizeWithAtMostBatchSizeRequestsInFlight() {
    slow.delayMillis = 60;

    CacheWarmer.Warmed warmed = warm("department", 2, 20, 1000);

    assertThat(warmed.itemsWarmed()).isEqualTo(5);
    assertThat(slow.maxInFlight.get()).isEqualTo(2);
    assertThat(progress).extracting(p -> p[0]).containsExactly(2L, 4L, 5L, 5L);
  }

  @Test
  void shouldKeepAtMostConcurrencyRequestsInFlight() {
    slow.delayMillis = 80;

    CacheWarmer.Warmed warmed = warm("employee", 100, 4, 48);

    assertThat(warmed.itemsWarmed()).isEqualTo(48);
    assertThat(slow.maxInFlight.get()).isEqualTo(4);
  }

  @Test
  void shouldRetryFailedPutsAndCountItemsThatStillFail() {
    // EMPLOYEE#1x fail for good, EMPLOYEE#3 fails once then succeeds
    server.stubFor(
        put(urlPathMatching("/cache/employee/EMPLOYEE%231\\d%7CPROFILE"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(503)));
    server.stubFor(
        put(urlEqualTo("/cache/employee/EMPLOYEE%233%7CPROFILE"))
            .atPriority(1)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("recovered")
            .willReturn(aResponse().withStatus(500)));
    server.stubFor(
        put(urlEqualTo("/cache/employee/EMPLOYEE%234%7CPROFILE"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(400)));

    CacheWarmer.Warmed warmed = warm("employee", 50, 8, 1000);

    assertThat(warmed.itemsFailed()).isEqualTo(11);
    assertThat(warmed.itemsWarmed()).isEqualTo(EMPLOYEES - 11);
    assertThat(
            server.findAll(putRequestedFor(urlEqualTo("/cache/employee/EMPLOYEE%2315%7CPROFILE"))))
        .hasSize(3);
    assertThat(
            server.findAll(putRequestedFor(urlEqualTo("/cache/employee/EMPLOYEE%233%7CPROFILE"))))
        .hasSize(2);
    assertThat(
            server.findAll(putRequestedFor(urlEqualTo("/cache/employee/EMPLOYEE%234%7CPROFILE"))))
        .hasSize(1);
    assertThat(puts()).hasSize(EMPLOYEES - 11 + 10 * 3 + 1 + 1);
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(EMPLOYEES);
  }

  @Test
  void shouldFailRetryablyWhenTheCacheIsUnreachableAndNothingWasWarmed() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CacheWarmer.Request request =
        new CacheWarmer.Request(
            "employee",
            TABLE,
            "us-east-1",
            "http://127.0.0.1:" + closedPort + "/cache",
            20,
            4,
            1000);

    assertThatThrownBy(() -> warmer(2).warm(request, (d, t, r, m) -> {}))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("CacheUnreachable");
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void shouldFailWithoutRetryForAMissingTableOrAnUnsupportedEndpoint() {
    CacheWarmer.Request missing =
        new CacheWarmer.Request(
            "employee", "no-such-table", "us-east-1", server.baseUrl() + "/cache", 20, 4, 1000);
    CacheWarmer.Request memcached =
        new CacheWarmer.Request(
            "employee", TABLE, "us-east-1", "memcached://cache:11211", 20, 4, 1000);

    assertThatThrownBy(() -> warmer(3).warm(missing, (d, t, r, m) -> {}))
        .satisfies(
            e -> {
              assertThat(AwsFailures.ofAny(e).getCode()).isEqualTo("ResourceNotFoundException");
              assertThat(AwsFailures.ofAny(e).getRetryable()).isFalse();
            });
    assertThatThrownBy(() -> warmer(3).warm(memcached, (d, t, r, m) -> {}))
        .satisfies(
            e -> {
              assertThat(AwsFailures.ofAny(e).getCode()).isEqualTo("UnsupportedCacheEndpoint");
              assertThat(AwsFailures.ofAny(e).getRetryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("http://, https://, redis://, rediss://", "memcached://cache:11211");
            });
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void shouldSetEveryItemAtCacheTypeColonKeyWithTheItemAndTheTtlOverOneConnection()
      throws Exception {
    CacheWarmer.Warmed warmed = warmRedis(warmer(3), "employee", 50, 8, 1000);

    assertThat(warmed.itemsWarmed()).isEqualTo(EMPLOYEES);
    assertThat(warmed.itemsFailed()).isZero();
    assertThat(redis.keys("*"))
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, EMPLOYEES)
                .mapToObj(i -> "employee:EMPLOYEE#" + i + "|PROFILE")
                .toList());
    assertThat(requirePass.setsByKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    JsonNode seven = json.readTree(redis.get("employee:EMPLOYEE#7|PROFILE"));
    assertThat(seven.at("/Item/PK/S").asString()).isEqualTo("EMPLOYEE#7");
    assertThat(seven.at("/Item/n/N").asString()).isEqualTo("7");
    assertThat(seven.at("/Item/profile/M/name/S").asString()).isEqualTo("Employee 7");
    assertThat(seven.at("/Item/tags/SS").isArray()).isTrue();
    assertThat(redis.ttl("employee:EMPLOYEE#7|PROFILE")).isBetween(1790L, 1800L);
    assertThat(requirePass.setArguments)
        .allSatisfy(args -> assertThat(args.subList(2, args.size())).containsExactly("ex", "1800"));
    // one connection for the whole run, no AUTH when no password is configured
    assertThat(requirePass.settingClients).hasSize(1);
    assertThat(requirePass.authCommands).isEmpty();
    assertThat(progress).extracting(p -> p[0]).containsExactly(50L, 100L, 150L, 200L, 230L, 230L);
  }

  @Test
  void shouldStopAtTheItemLimitAndWarmOnlyTheCacheTypesEntityIntoRedis() {
    CacheWarmer.Warmed limited = warmRedis(warmer(3), "everything", 25, 4, 60);

    assertThat(limited.itemsWarmed()).isEqualTo(60);
    assertThat(redis.keys("everything:*")).hasSize(60);
    assertThat(requirePass.setsByKey).hasSize(60);

    CacheWarmer.Warmed departments = warmRedis(warmer(3), "department", 2, 20, 1000);

    assertThat(departments.itemsWarmed()).isEqualTo(5);
    assertThat(redis.keys("department:*")).hasSize(5).contains("department:" + ODD_PK + "|PROFILE");
    assertThat(redis.get("department:" + ODD_PK + "|PROFILE")).contains("\"Department\"");
    assertThat(progress.subList(progress.size() - 4, progress.size()))
        .extracting(p -> p[0])
        .containsExactly(2L, 4L, 5L, 5L);
  }

  @Test
  void shouldRetryTransientRedisErrorsAndCountItemsThatStillFail() {
    // EMPLOYEE#1x stay LOADING, EMPLOYEE#3 is BUSY once then stored, EMPLOYEE#4 gets an error that
    // is not retried
    for (int i = 10; i < 20; i++) {
      requirePass.errors.put(
          "employee:EMPLOYEE#" + i + "|PROFILE",
          new ArrayDeque<>(List.of("LOADING", "LOADING", "LOADING", "LOADING")));
    }
    requirePass.errors.put("employee:EMPLOYEE#3|PROFILE", new ArrayDeque<>(List.of("BUSY")));
    requirePass.errors.put("employee:EMPLOYEE#4|PROFILE", new ArrayDeque<>(List.of("OOM", "OOM")));

    CacheWarmer.Warmed warmed = warmRedis(warmer(3), "employee", 50, 8, 1000);

    assertThat(warmed.itemsFailed()).isEqualTo(11);
    assertThat(warmed.itemsWarmed()).isEqualTo(EMPLOYEES - 11);
    assertThat(requirePass.setsByKey.get("employee:EMPLOYEE#15|PROFILE")).hasValue(3);
    assertThat(requirePass.setsByKey.get("employee:EMPLOYEE#3|PROFILE")).hasValue(2);
    assertThat(requirePass.setsByKey.get("employee:EMPLOYEE#4|PROFILE")).hasValue(1);
    assertThat(
            redis.exists(
                "employee:EMPLOYEE#3|PROFILE",
                "employee:EMPLOYEE#4|PROFILE",
                "employee:EMPLOYEE#15|PROFILE"))
        .isEqualTo(1);
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(EMPLOYEES);
  }

  @Test
  void shouldAuthenticateWithTheConfiguredPasswordOnly() {
    requirePass.password = "configured-s3cret";

    CacheWarmer.Warmed warmed =
        warmRedis(warmer(2, null, "configured-s3cret"), "department", 25, 4, 1000);

    assertThat(warmed.itemsWarmed()).isEqualTo(5);
    assertThat(redis.keys("department:*")).hasSize(5);
    assertThat(requirePass.authCommands)
        .isNotEmpty()
        .allSatisfy(args -> assertThat(args).last().isEqualTo("configured-s3cret"));

    requirePass.reset();
    requirePass.password = "acl-s3cret";
    requirePass.username = "warmer";

    assertThat(
            warmRedis(warmer(2, "warmer", "acl-s3cret"), "department", 25, 4, 1000).itemsWarmed())
        .isEqualTo(5);
    assertThat(requirePass.authCommands)
        .isNotEmpty()
        .allSatisfy(args -> assertThat(args).containsExactly("warmer", "acl-s3cret"));
  }

  @Test
  void shouldRefuseWithoutRetryWhenTheCacheRefusesTheCredentials() {
    requirePass.password = "configured-s3cret";

    for (String configured : new String[] {null, "wrong-s3cret"}) {
      assertThatThrownBy(() -> warmRedis(warmer(3, null, configured), "department", 25, 4, 1000))
          .isInstanceOfSatisfying(
              RestoreRefusedException.class,
              e -> {
                assertThat(e.code()).isEqualTo("CacheAuthenticationFailed");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage())
                    .contains("dr.restore.cache.redis.password")
                    .doesNotContain("configured-s3cret", "wrong-s3cret");
              });
    }
    assertThat(requirePass.setsByKey).isEmpty();
  }

  @Test
  void shouldRefuseAPasswordInTheEndpointBeforeConnecting() {
    CacheWarmer.Request request =
        new CacheWarmer.Request(
            "department",
            TABLE,
            "us-east-1",
            "redis://:url-s3cret@" + redisServer.getHost() + ":" + redisServer.getBindPort(),
            25,
            4,
            1000);

    assertThatThrownBy(
            () -> warmer(3).warm(request, (d, t, r, m) -> progress.add(new long[] {d, t})))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("UnsupportedCacheEndpoint");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("dr.restore.cache.redis.password", "DR_RESTORE_CACHE_REDIS_PASSWORD")
                  .doesNotContain("url-s3cret");
            });
    assertThat(requirePass.commands).isEmpty();
    assertThat(progress).isEmpty();
  }

  @Test
  void shouldFailRetryablyWhenTheRedisServerIsStopped() throws Exception {
    RedisServer stopped = RedisServer.newRedisServer(0, InetAddress.getLoopbackAddress()).start();
    String endpoint = "redis://" + stopped.getHost() + ":" + stopped.getBindPort() + "/0";
    stopped.stop();
    CacheWarmer.Request request =
        new CacheWarmer.Request("employee", TABLE, "us-east-1", endpoint, 20, 4, 1000);

    assertThatThrownBy(() -> warmer(2).warm(request, (d, t, r, m) -> {}))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("CacheUnreachable");
              assertThat(e.retryable()).isTrue();
            });
  }

  /**
   * Redis' {@code requirepass} (and one ACL user) on top of jedis-mock, whose AUTH accepts anything;
   * records the commands it gets and answers chosen SETs with error replies.
   */
  static final class RequirePass implements RedisCommandInterceptor {
    static final String READER_PASSWORD = "test-reader";
    volatile String password;
    volatile String username;
    final Set<Object> authenticated = ConcurrentHashMap.newKeySet();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<List<String>> authCommands = new CopyOnWriteArrayList<>();
    final List<List<String>> setArguments = new CopyOnWriteArrayList<>();
    final Set<Object> settingClients = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> setsByKey = new ConcurrentHashMap<>();
    final Map<String, Deque<String>> errors = new ConcurrentHashMap<>();
    private final Set<Object> readers = ConcurrentHashMap.newKeySet();

    void reset() {
      password = null;
      username = null;
      authenticated.removeAll(Set.copyOf(authenticated));
      authenticated.addAll(readers);
      commands.clear();
      authCommands.clear();
      setArguments.clear();
      settingClients.clear();
      setsByKey.clear();
      errors.clear();
    }

    @Override
    public Slice execCommand(OperationExecutorState state, String name, List<Slice> params) {
      List<String> args = params.stream().map(Slice::toString).toList();
      if (name.equals("auth")) {
        if (args.get(args.size() - 1).equals(READER_PASSWORD)) {
          readers.add(state.owner());
          authenticated.add(state.owner());
          return ok();
        }
        commands.add(name);
        authCommands.add(args);
        if (password == null) {
          return error(
              "ERR AUTH <password> called without any password configured for the default user. "
                  + "Are you sure your configuration is correct?");
        }
        String user = args.size() > 1 ? args.get(0) : "default";
        boolean userMatches = username == null ? user.equals("default") : user.equals(username);
        if (!userMatches || !args.get(args.size() - 1).equals(password)) {
          return error("WRONGPASS invalid username-password pair or user is disabled.");
        }
        authenticated.add(state.owner());
        return ok();
      }
      if (!readers.contains(state.owner())) {
        commands.add(name);
      }
      boolean needsAuth = password != null && !authenticated.contains(state.owner());
      if (needsAuth && !name.equals("hello") && !name.equals("quit")) {
        return error("NOAUTH Authentication required.");
      }
      if (name.equals("set") && !readers.contains(state.owner())) {
        String key = args.get(0);
        setsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        setArguments.add(args.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
        settingClients.add(state.owner());
        Deque<String> failures = errors.get(key);
        String error = failures == null ? null : failures.poll();
        if (error != null) {
          return error(error + " injected by the test");
        }
      }
      return MockExecutor.proceed(state, name, params);
    }

    private static Slice ok() {
      return com.github.fppt.jedismock.server.Response.OK;
    }

    private static Slice error(String message) {
      return com.github.fppt.jedismock.server.Response.error(message);
    }
  }

  /** Holds every response for a while and counts the requests being answered at the same time. */
  static final class SlowResponses implements ResponseTransformerV2 {
    volatile long delayMillis;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return response;
    }

    @Override
    public String getName() {
      return "slow-responses";
    }
  }
}
