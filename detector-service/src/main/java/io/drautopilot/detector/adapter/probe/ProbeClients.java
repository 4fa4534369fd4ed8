package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.AwsClientFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Builds probe clients through the shared {@link AwsClientFactory} (endpoints, region, credentials), but with one
 * attempt and a short timeout: a probe must answer within its round, and retrying is what flap damping already does
 * (the SDK's DynamoDB default of 8 retries with backoff would hold a round for many seconds when a region is down).
 *
 * <p>The factory sets its own override configuration on the builder, so the builder is wrapped to merge ours into it.
 */
public final class ProbeClients {

  private ProbeClients() {}

  @SuppressWarnings("unchecked")
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      AwsClientFactory aws, B builder, Class<B> builderType, String serviceId, String region, Duration timeout) {
    Object[] self = new Object[1];
    InvocationHandler handler = (proxy, method, args) -> {
      Object[] a = args;
      if (method.getName().equals("overrideConfiguration") && args != null && args.length == 1
          && args[0] instanceof ClientOverrideConfiguration c) {
        a = new Object[] {c.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout).apiCallAttemptTimeout(timeout).build()};
      }
      try {
        Object result = method.invoke(builder, a);
        return result == builder ? self[0] : result;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    B wrapped = (B) Proxy.newProxyInstance(builderType.getClassLoader(), new Class<?>[] {builderType}, handler);
    self[0] = wrapped;
    return aws.client(wrapped, serviceId, region);
  }
}
