package io.drautopilot.restore.adapter.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One SDK client per region, built on first use by the shared {@code AwsClientFactory} (a command's
 * {@code region} field selects the client; the sandbox maps regions to endpoints).
 */
public class RegionalClients<C extends SdkAutoCloseable> implements AutoCloseable {

  private final Function<String, C> build;
  private final Map<String, C> byRegion = new ConcurrentHashMap<>();

  public RegionalClients(Function<String, C> build) {
    this.build = build;
  }

  /** @param region a region name, or null for {@code dr.aws.region} */
  public C forRegion(String region) {
    return byRegion.computeIfAbsent(region == null ? "" : region, r -> build.apply(region));
  }

  @Override
  public void close() {
    byRegion.values().forEach(SdkAutoCloseable::close);
  }
}
