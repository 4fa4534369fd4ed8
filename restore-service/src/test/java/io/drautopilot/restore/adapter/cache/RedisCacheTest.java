package io.drautopilot.restore.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis endpoints: what is accepted, what the connection is made of, what is refused (and how it is shown). */
class RedisCacheTest {

  static final Backoff BACKOFF = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 1);

  final RedisCache anonymous =
      new RedisCache(null, null, Duration.ofSeconds(2), Duration.ofSeconds(5), BACKOFF);
  final RedisCache withPassword =
      new RedisCache(" ", "configured-pw", Duration.ofSeconds(2), Duration.ofSeconds(5), BACKOFF);
  final RedisCache withAclUser =
      new RedisCache(
          "warmer", "configured-pw", Duration.ofSeconds(2), Duration.ofSeconds(5), BACKOFF);

  @Test
  void shouldConnectToTheHostPortAndDatabaseOfTheEndpointWithTlsForRediss() {
    anonymous.validate(URI.create("redis://tyler-setup-cache:6379"));
    RedisURI plain = anonymous.redisUri(URI.create("redis://tyler-setup-cache:6379"));
    RedisURI tls = anonymous.redisUri(URI.create("rediss://cache.example.com:6380/3"));
    RedisURI defaults = anonymous.redisUri(URI.create("REDIS://cache/"));

    assertThat(plain.getHost()).isEqualTo("tyler-setup-cache");
    assertThat(plain.getPort()).isEqualTo(6379);
    assertThat(plain.getDatabase()).isZero();
    assertThat(plain.isSsl()).isFalse();
    assertThat(plain.getTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(plain.getCredentialsProvider().resolveCredentials().block().hasPassword()).isFalse();
    assertThat(tls.isSsl()).isTrue();
    assertThat(tls.getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
    assertThat(tls.getPort()).isEqualTo(6380);
    assertThat(tls.getDatabase()).isEqualTo(3);
    assertThat(defaults.getPort()).isEqualTo(RedisCache.DEFAULT_PORT);
    assertThat(defaults.getDatabase()).isZero();
  }

  @Test
  void shouldAuthenticateWithTheConfiguredPasswordAndAclUserOnly() {
    RedisCredentials defaultUser =
        withPassword
            .redisUri(URI.create("redis://cache:6379"))
            .getCredentialsProvider()
            .resolveCredentials()
            .block();
    RedisCredentials aclUser =
        withAclUser
            .redisUri(URI.create("rediss://cache:6379"))
            .getCredentialsProvider()
            .resolveCredentials()
            .block();

    assertThat(defaultUser.hasUsername()).isFalse();
    assertThat(new String(defaultUser.getPassword())).isEqualTo("configured-pw");
    assertThat(aclUser.getUsername()).isEqualTo("warmer");
    assertThat(new String(aclUser.getPassword())).isEqualTo("configured-pw");
    assertThat(withAclUser.redisUri(URI.create("redis://cache:6379")).toString())
        .doesNotContain("configured-pw");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://:s3cr3t-in-url@cache:6379",
        "redis://user:s3cr3t-in-url@cache:6379/0",
        "rediss://s3cr3t-in-url@cache",
        "redis://:s3cr3t-in-url@@cache:6379"
      })
  void shouldRefuseCredentialsInTheEndpointWithoutShowingThem(String endpoint) {
    assertThatThrownBy(() -> withPassword.validate(URI.create(endpoint)))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("UnsupportedCacheEndpoint");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .doesNotContain("s3cr3t-in-url")
                  .contains(
                      "dr.restore.cache.redis.password",
                      "DR_RESTORE_CACHE_REDIS_PASSWORD",
                      "***@cache");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://cache:6379?password=s3cr3t-in-url",
        "redis://cache:6379/db1",
        "redis://cache:6379/0/x",
        "redis:cache",
        "redis:///0",
        "redis://cache:6379#s3cr3t-in-url"
      })
  void shouldRefuseQueriesOtherPathsAndMissingHosts(String endpoint) {
    assertThatThrownBy(() -> anonymous.validate(URI.create(endpoint)))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("UnsupportedCacheEndpoint");
              assertThat(e.getMessage()).doesNotContain("s3cr3t-in-url");
            });
  }

  @Test
  void shouldShowEndpointsWithoutCredentialsQueryOrFragment() {
    assertThat(CacheEndpoints.redact("redis://:pw@cache:6379/1"))
        .isEqualTo("redis://***@cache:6379/1");
    assertThat(CacheEndpoints.redact("redis://u:p@ss?w/rd@cache:6379"))
        .isEqualTo("redis://***@cache:6379");
    assertThat(CacheEndpoints.redact("http://cache:8080/cache?token=x"))
        .isEqualTo("http://cache:8080/cache?***");
    assertThat(CacheEndpoints.redact("http://cache:8080/cache"))
        .isEqualTo("http://cache:8080/cache");
  }
}
