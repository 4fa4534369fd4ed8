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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.drautopilot.restore.adapter.aws.TestTables;
import io.drautopilot.restore.adapter.kafka.Replies;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.testsupport.Dynalite;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Cache warming from a real dynalite table into a real HTTP server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheWarmerIT {

  static final String TABLE = "warm-entities";
  static final int EMPLOYEES = 230;
  static final String ODD_PK = "DEPT#R&D/1 a";

  final DynamoDbClient dynamo = Dynalite.shared().client();
  final ObjectMapper json = new ObjectMapper();
  final SlowResponses slow = new SlowResponses();
  WireMockServer server;
  final List<long[]> progress = new CopyOnWriteArrayList<>();

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
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(60).extensions(slow));
    server.start();
  }

  @AfterAll
  void stopCache() {
    server.stop();
  }

  @BeforeEach
  void cacheAcceptsEverything() {
    server.resetAll();
    server.stubFor(any(urlPathMatching("/cache/.*")).willReturn(aResponse().withStatus(204)));
    slow.delayMillis = 0;
    slow.inFlight.set(0);
    slow.maxInFlight.set(0);
    progress.clear();
  }

  CacheWarmer warmer(int maxAttempts) {
    HttpCache cache = new HttpCache(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build(), Duration.ofSeconds(5),
        new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), maxAttempts));
    return new CacheWarmer(region -> dynamo, cache, new CacheWarmer.Options(Duration.ofMinutes(30),
        Map.of("employee", "Employee", "department", "Department"), 3, 40, 64));
  }

  CacheWarmer.Warmed warm(String cacheType, int batchSize, int concurrency, int itemLimit) {
    return warmer(3).warm(new CacheWarmer.Request(cacheType, TABLE, "us-east-1", server.baseUrl() + "/cache",
        batchSize, concurrency, itemLimit), (done, total, rate, message) -> progress.add(new long[] {done, total}));
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
    assertThat(puts).extracting(LoggedRequest::getUrl).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, EMPLOYEES).mapToObj(i -> "/cache/employee/EMPLOYEE%23" + i + "%7CPROFILE").toList());
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(EMPLOYEES);
    LoggedRequest seven = puts.stream().filter(p -> p.getUrl().endsWith("EMPLOYEE%237%7CPROFILE")).findFirst()
        .orElseThrow();
    assertThat(seven.getHeader("X-Cache-TTL")).isEqualTo("1800");
    assertThat(seven.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = json.readTree(seven.getBodyAsString());
    assertThat(body.at("/Item/PK/S").asText()).isEqualTo("EMPLOYEE#7");
    assertThat(body.at("/Item/n/N").asText()).isEqualTo("7");
    assertThat(body.at("/Item/profile/M/name/S").asText()).isEqualTo("Employee 7");
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
    assertThat(puts()).extracting(LoggedRequest::getUrl).hasSize(5)
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
    server.stubFor(put(urlPathMatching("/cache/employee/EMPLOYEE%231\\d%7CPROFILE")).atPriority(1)
        .willReturn(aResponse().withStatus(503)));
    server.stubFor(put(urlEqualTo("/cache/employee/EMPLOYEE%233%7CPROFILE")).atPriority(1).inScenario("flaky")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered").willReturn(aResponse().withStatus(500)));
    server.stubFor(put(urlEqualTo("/cache/employee/EMPLOYEE%234%7CPROFILE")).atPriority(1)
        .willReturn(aResponse().withStatus(400)));

    CacheWarmer.Warmed warmed = warm("employee", 50, 8, 1000);

    assertThat(warmed.itemsFailed()).isEqualTo(11);
    assertThat(warmed.itemsWarmed()).isEqualTo(EMPLOYEES - 11);
    assertThat(server.findAll(putRequestedFor(urlEqualTo("/cache/employee/EMPLOYEE%2315%7CPROFILE")))).hasSize(3);
    assertThat(server.findAll(putRequestedFor(urlEqualTo("/cache/employee/EMPLOYEE%233%7CPROFILE")))).hasSize(2);
    assertThat(server.findAll(putRequestedFor(urlEqualTo("/cache/employee/EMPLOYEE%234%7CPROFILE")))).hasSize(1);
    assertThat(puts()).hasSize(EMPLOYEES - 11 + 10 * 3 + 1 + 1);
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(EMPLOYEES);
  }

  @Test
  void shouldFailRetryablyWhenTheCacheIsUnreachableAndNothingWasWarmed() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CacheWarmer.Request request = new CacheWarmer.Request("employee", TABLE, "us-east-1",
        "http://127.0.0.1:" + closedPort + "/cache", 20, 4, 1000);

    assertThatThrownBy(() -> warmer(2).warm(request, (d, t, r, m) -> { }))
        .isInstanceOfSatisfying(RestoreRefusedException.class, e -> {
          assertThat(e.code()).isEqualTo("CacheUnreachable");
          assertThat(e.retryable()).isTrue();
        });
  }

  @Test
  void shouldFailWithoutRetryForAMissingTableOrANonHttpEndpoint() {
    CacheWarmer.Request missing = new CacheWarmer.Request("employee", "no-such-table", "us-east-1",
        server.baseUrl() + "/cache", 20, 4, 1000);
    CacheWarmer.Request redis = new CacheWarmer.Request("employee", TABLE, "us-east-1", "redis://cache:6379", 20, 4,
        1000);

    assertThatThrownBy(() -> warmer(3).warm(missing, (d, t, r, m) -> { })).satisfies(e -> {
      assertThat(Replies.failureOf(e).getCode()).isEqualTo("ResourceNotFoundException");
      assertThat(Replies.failureOf(e).getRetryable()).isFalse();
    });
    assertThatThrownBy(() -> warmer(3).warm(redis, (d, t, r, m) -> { })).satisfies(e -> {
      assertThat(Replies.failureOf(e).getCode()).isEqualTo("UnsupportedCacheEndpoint");
      assertThat(Replies.failureOf(e).getRetryable()).isFalse();
    });
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
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
