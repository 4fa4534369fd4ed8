package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Probe clients: built through the shared {@link AwsClientFactory} (endpoints, region, credentials), but with one
 * attempt and a short timeout: a probe must answer within its round, and retrying is what flap damping already does
 * (the SDK's DynamoDB default of 8 retries with backoff would hold a round for many seconds when a region is down).
 */
public final class ProbeClients {

  private ProbeClients() {}

  /** One client per region, each with {@link #settings}. */
  public static <
          B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable>
      RegionalClients<C> perRegion(
          AwsClientFactory aws, Supplier<B> builder, String serviceId, Duration timeout) {
    return new RegionalClients<>(
        region -> aws.client(builder.get(), serviceId, region, settings(timeout)));
  }

  /** One attempt, bounded by {@code timeout}. */
  public static Consumer<ClientOverrideConfiguration.Builder> settings(Duration timeout) {
    return c ->
        c.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout)
            .apiCallAttemptTimeout(timeout);
  }
}
