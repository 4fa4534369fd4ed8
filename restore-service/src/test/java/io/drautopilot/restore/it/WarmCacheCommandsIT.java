package io.drautopilot.restore.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.fppt.jedismock.RedisServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.restore.CacheWarmed;
import io.drautopilot.contracts.restore.WarmCacheCommand;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.restore.adapter.aws.TestTables;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Scenario 4's cache warming step through a command, into a cache answering as the sandbox's recorder
 * does and into a Redis server (jedis-mock), as the runbook's {@code redis://} endpoint names one.
 */
class WarmCacheCommandsIT extends RestoreServiceITBase {

  final DynamoDbClient primary = Dynalite.shared("primary").client();
  WireMockServer cache;
  RedisServer redisServer;
  RedisClient redisClient;
  RedisCommands<String, String> redis;

  @BeforeAll
  void startCache() throws Exception {
    cache = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    cache.start();
    redisServer = RedisServer.newRedisServer(0, InetAddress.getLoopbackAddress()).start();
    redisClient =
        RedisClient.create(RedisURI.create(redisServer.getHost(), redisServer.getBindPort()));
    redis = redisClient.connect().sync();
    TestTables.createEntitiesTable(primary, "cmd-warm");
    TestTables.fill(primary, "cmd-warm", 120, 1);
  }

  @AfterAll
  void stopCache() throws Exception {
    cache.stop();
    redisClient.shutdown();
    redisServer.stop();
  }

  @BeforeEach
  void recorderAnswers204() {
    cache.resetAll();
    cache.stubFor(any(urlPathMatching("/cache/.*")).willReturn(aResponse().withStatus(204)));
  }

  @Test
  void shouldWarmTheCacheWithTheTablesItemsAndReportProgress() {
    WarmCacheCommand command =
        WarmCacheCommand.newBuilder()
            .setMetadata(commandMetadata("inc-warm", "warm-cache"))
            .setCacheType("user")
            .setTableName("cmd-warm")
            .setRegion("us-east-1")
            .setCacheEndpoint(cache.baseUrl() + "/cache")
            .setBatchSize(50)
            .setConcurrency(5)
            .build();

    CacheWarmed warmed = send(command, CacheWarmed.class);

    assertThat(warmed.getCacheType()).isEqualTo("user");
    assertThat(warmed.getItemsWarmed()).isEqualTo(120);
    assertThat(warmed.getItemsFailed()).isZero();
    assertThat(
            cache.findAll(
                putRequestedFor(urlPathMatching("/cache/user/EMPLOYEE%23\\d+%7CPROFILE"))))
        .hasSize(120);
    List<CommandProgressed> progress = results.progressOf(command.getMetadata().getEventId());
    assertThat(progress)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.getAction()).isEqualTo("WarmCacheCommand"));
  }

  @Test
  void shouldWarmARedisCacheWithSetExAndReportProgress() {
    String endpoint = "redis://" + redisServer.getHost() + ":" + redisServer.getBindPort() + "/0";
    WarmCacheCommand command =
        WarmCacheCommand.newBuilder()
            .setMetadata(commandMetadata("inc-warm-redis", "warm-cache"))
            .setCacheType("user")
            .setTableName("cmd-warm")
            .setRegion("us-east-1")
            .setCacheEndpoint(endpoint)
            .setBatchSize(50)
            .setConcurrency(5)
            .build();

    CacheWarmed warmed = send(command, CacheWarmed.class);

    assertThat(warmed.getItemsWarmed()).isEqualTo(120);
    assertThat(warmed.getItemsFailed()).isZero();
    assertThat(redis.keys("user:*"))
        .hasSize(120)
        .allMatch(k -> k.matches("user:EMPLOYEE#\\d+\\|PROFILE"));
    assertThat(redis.get("user:EMPLOYEE#7|PROFILE")).contains("\"EMPLOYEE#7\"");
    assertThat(redis.ttl("user:EMPLOYEE#7|PROFILE")).isBetween(3590L, 3600L);
    List<CommandProgressed> progress = results.progressOf(command.getMetadata().getEventId());
    assertThat(progress)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.getAction()).isEqualTo("WarmCacheCommand"));
    assertThat(cache.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void shouldRefuseARedisEndpointWithAPasswordWithoutEchoingIt() {
    CommandFailure failure =
        send(
            WarmCacheCommand.newBuilder()
                .setMetadata(commandMetadata("inc-warm-redis-pw", "warm-cache"))
                .setCacheType("user")
                .setTableName("cmd-warm")
                .setRegion("us-east-1")
                .setCacheEndpoint(
                    "redis://:cmd-s3cret@"
                        + redisServer.getHost()
                        + ":"
                        + redisServer.getBindPort())
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("UnsupportedCacheEndpoint");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("DR_RESTORE_CACHE_REDIS_PASSWORD")
        .doesNotContain("cmd-s3cret");
  }

  @Test
  void shouldAnswerANonRetryableFailureForAMissingTable() {
    CommandFailure failure =
        send(
            WarmCacheCommand.newBuilder()
                .setMetadata(commandMetadata("inc-warm-missing", "warm"))
                .setCacheType("user")
                .setTableName("no-such-table")
                .setRegion("us-east-1")
                .setCacheEndpoint(cache.baseUrl() + "/cache")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("ResourceNotFoundException");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(cache.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }
}
