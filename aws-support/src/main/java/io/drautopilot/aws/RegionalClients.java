package io.drautopilot.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One SDK client per region, built on first use (a command's {@code region} field selects the client;
 * the sandbox maps regions to endpoints). A null or blank region is the default region
 * ({@code dr.aws.region}): commands leave the field empty to mean "where the service runs".
 *
 * <pre>{@code new RegionalClients<>(region -> aws.client(DynamoDbClient.builder(), "dynamodb", region))}</pre>
 */
public class RegionalClients<C extends SdkAutoCloseable> implements AutoCloseable {

  private static final String DEFAULT_REGION = "";

  private final Function<String, C> build;
  private final Map<String, C> byRegion = new ConcurrentHashMap<>();

  /** @param build makes the client of a region; given null for the default region */
  public RegionalClients(Function<String, C> build) {
    this.build = build;
  }

  /** @param region a region name, or null or blank for {@code dr.aws.region} */
  public C forRegion(String region) {
    String key = region == null || region.isBlank() ? DEFAULT_REGION : region;
    return byRegion.computeIfAbsent(key, r -> build.apply(r.equals(DEFAULT_REGION) ? null : r));
  }

  @Override
  public void close() {
    byRegion.values().forEach(SdkAutoCloseable::close);
  }
}
