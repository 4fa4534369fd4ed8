package io.drautopilot.sandbox.faults;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.config.DetectorProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The drill's fault API, added to the detector's application context by the sandbox when it launches the detector
 * (an extra source next to {@code DetectorApplication}). Faults go through the detector's own beans (its
 * probes' DynamoDB {@link RegionalClients}, its {@link DetectorProperties}), so they land where its probes look. A
 * {@link RegionOutageSwitch} bean in the same context, when there is one, takes regions down.
 *
 * <p>{@value #RECORDER_ADMIN_URL}: the recording endpoint's WireMock admin API, where the throttling and
 * breach-signal stubs go.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxFaults {

  public static final String RECORDER_ADMIN_URL = "dr.sandbox.faults.recorder-admin-url";

  @Bean
  SandboxFaultInjector sandboxFaultInjector(
      DetectorProperties properties,
      RegionalClients<DynamoDbClient> dynamo,
      @Value("${" + RECORDER_ADMIN_URL + ":}") String recorderAdminUrl,
      ObjectProvider<RegionOutageSwitch> outageSwitch,
      Clock clock) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    properties
        .targets()
        .forEach(
            t -> tables.computeIfAbsent(t.region(), r -> new ArrayList<>()).addAll(t.tables()));
    return new SandboxFaultInjector(
        dynamo::forRegion,
        tables,
        properties.probes().integrity().sampleSize(),
        recorderAdminUrl,
        outageSwitch.getIfAvailable(),
        clock);
  }

  @Bean
  SandboxFaultController sandboxFaultController(SandboxFaultInjector injector) {
    return new SandboxFaultController(injector);
  }
}
