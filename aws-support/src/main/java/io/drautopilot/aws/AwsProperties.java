package io.drautopilot.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dr.aws.*}: where the AWS SDK v2 clients point.
 *
 * <pre>
 * dr.aws.region: us-east-1                       # default region (else the SDK's default region chain)
 * dr.aws.endpoints.default: http://127.0.0.1:9000   # every service without its own override (sandbox: the recording endpoint)
 * dr.aws.endpoints.route53: http://...           # one service, by SDK service id (lowercase)
 * dr.aws.endpoints.dynamodb.us-west-2: http://... # one service in one region (sandbox: a second dynalite)
 * dr.aws.static-credentials: false               # true only for the sandbox/tests: dummy keys, never real ones
 * </pre>
 *
 * With no endpoints configured the clients talk to AWS with the default credentials provider chain.
 */
@ConfigurationProperties("dr.aws")
public class AwsProperties {

  private String region;
  private Map<String, String> endpoints = new LinkedHashMap<>();
  private boolean staticCredentials;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Map<String, String> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(Map<String, String> endpoints) {
    this.endpoints = endpoints;
  }

  public boolean isStaticCredentials() {
    return staticCredentials;
  }

  public void setStaticCredentials(boolean staticCredentials) {
    this.staticCredentials = staticCredentials;
  }

  /** The endpoint for a service in a region: service.region, then service, then default; null means AWS. */
  public URI endpointFor(String serviceId, String region) {
    String id = serviceId.toLowerCase(java.util.Locale.ROOT);
    String value = region == null ? null : endpoints.get(id + "." + region);
    if (value == null) {
      value = endpoints.get(id);
    }
    if (value == null) {
      value = endpoints.get("default");
    }
    return value == null || value.isBlank() ? null : URI.create(value);
  }
}
