package io.drautopilot.aws;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds every AWS SDK v2 client the services use, the same way: region, credentials from the
 * default provider chain (dummy static ones only when {@code dr.aws.static-credentials=true}, for
 * the sandbox and tests), the endpoint override from {@link AwsProperties}, bounded timeouts.
 *
 * <pre>{@code
 * Route53Client route53 = aws.client(Route53Client.builder(), "route53", "us-east-1");
 * }</pre>
 *
 * <p>A null or blank region is the default region ({@code dr.aws.region}, else the SDK's default
 * region chain), here as in {@link RegionalClients}: commands and probe targets leave the region
 * empty to mean "where the service runs".
 */
public class AwsClientFactory {

  private final AwsProperties properties;
  private final AwsCredentialsProvider credentials;

  public AwsClientFactory(AwsProperties properties) {
    this.properties = properties;
    this.credentials =
        properties.isStaticCredentials()
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"))
            : DefaultCredentialsProvider.builder().build();
  }

  public AwsProperties properties() {
    return properties;
  }

  /** The credentials every client uses, for requests signed by hand (APIs without an SDK client here). */
  public AwsCredentialsProvider credentialsProvider() {
    return credentials;
  }

  /**
   * @param serviceId the SDK service id in lowercase (dynamodb, route53, lambda, backup, sns, cloudwatch, ...)
   * @param region the region to call, or null or blank for {@code dr.aws.region}
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, String serviceId, String region) {
    return client(builder, serviceId, region, c -> {});
  }

  /**
   * Like {@link #client(AwsClientBuilder, String, String)}, with a customizer for the override
   * configuration, e.g. {@code c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())} where the caller
   * counts and retries attempts itself.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder,
      String serviceId,
      String region,
      Consumer<ClientOverrideConfiguration.Builder> customizer) {
    String effectiveRegion = region != null && !region.isBlank() ? region : properties.getRegion();
    if (effectiveRegion != null) {
      builder.region(Region.of(effectiveRegion));
    }
    URI endpoint = properties.endpointFor(serviceId, effectiveRegion);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    builder.credentialsProvider(credentials);
    builder.httpClientBuilder(
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60)));
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofMinutes(2));
    customizer.accept(override);
    builder.overrideConfiguration(override.build());
    return builder.build();
  }

  /**
   * One client per region, built on first use, each with {@link #client(AwsClientBuilder, String,
   * String, Consumer)} and the same customizer.
   *
   * <pre>{@code
   * RegionalClients<DynamoDbClient> dynamo =
   *     aws.perRegion(DynamoDbClient::builder, "dynamodb", AwsClientFactory.singleAttempt(timeout));
   * }</pre>
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable>
      RegionalClients<C> perRegion(
          Supplier<B> builder,
          String serviceId,
          Consumer<ClientOverrideConfiguration.Builder> customizer) {
    return new RegionalClients<>(region -> client(builder.get(), serviceId, region, customizer));
  }

  /**
   * The customizer for a caller that must answer within {@code timeout} and decides itself whether
   * to try again (the detector's probes: flap damping is their retry): one attempt, no SDK retries,
   * the call and its attempt bounded by {@code timeout}. The SDK's DynamoDB default of several
   * retries with backoff would hold such a caller for many seconds when a region is down.
   */
  public static Consumer<ClientOverrideConfiguration.Builder> singleAttempt(Duration timeout) {
    return c ->
        c.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout)
            .apiCallAttemptTimeout(timeout);
  }
}
