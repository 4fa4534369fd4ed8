package io.drautopilot.validation.config;

import io.drautopilot.integrity.RuleSetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dr.validation.*}. Every setting has a default that works against the seed's tables.
 *
 * <pre>
 * dr.validation:
 *   rule-sets:                      # by name; commands pick one (ValidateTableCommand.ruleSet, default "default")
 *     default:                      # integrity-rules RuleSetSpec; defaults: PK, SK, entityType present, strings
 *       entity-types:
 *         Employee: {required: [email], types: {salary: N}}
 *   expected-key-schema: {PK: HASH, SK: RANGE}
 *   scan-segments: 4                # parallel Scan segments for validation (CompareTables carries its own)
 *   scan-page-size:                 # Scan Limit per page; empty = DynamoDB's 1 MB pages
 *   fail-on-empty-table: true
 *   compare: {buckets: 1024, max-rescan-items: 200000}
 *   health: {healthy-statuses: [healthy, ok, up, pass, true], connect-timeout: 2s}
 *   performance: {http-body: , request-timeout: 10s, sample-keys: 100}
 *   backup: {require-exact-match: true}
 * </pre>
 */
@ConfigurationProperties("dr.validation")
public class ValidationProperties {

  private Map<String, RuleSetSpec> ruleSets = new LinkedHashMap<>();
  private Map<String, String> expectedKeySchema =
      new LinkedHashMap<>(Map.of("PK", "HASH", "SK", "RANGE"));
  private int scanSegments = 4;
  private Integer scanPageSize;
  private boolean failOnEmptyTable = true;
  private final Compare compare = new Compare();
  private final Health health = new Health();
  private final Performance performance = new Performance();
  private final Backup backup = new Backup();

  /** Comparison: key-hash buckets and how many items the second, key-naming pass may hold. */
  public static class Compare {
    private int buckets = 1024;
    private long maxRescanItems = 200_000;

    public int getBuckets() {
      return buckets;
    }

    public void setBuckets(int buckets) {
      this.buckets = buckets;
    }

    public long getMaxRescanItems() {
      return maxRescanItems;
    }

    public void setMaxRescanItems(long maxRescanItems) {
      this.maxRescanItems = maxRescanItems;
    }
  }

  /** The GraphQL health check. */
  public static class Health {
    private List<String> healthyStatuses =
        new ArrayList<>(List.of("healthy", "ok", "up", "pass", "true"));
    private String query = "{ healthCheck { status database { entities events cache } } }";
    private Duration connectTimeout = Duration.ofSeconds(2);

    public List<String> getHealthyStatuses() {
      return healthyStatuses;
    }

    public void setHealthyStatuses(List<String> healthyStatuses) {
      this.healthyStatuses = healthyStatuses;
    }

    public String getQuery() {
      return query;
    }

    public void setQuery(String query) {
      this.query = query;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }
  }

  /** The performance check. */
  public static class Performance {
    private String httpBody;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int sampleKeys = 100;
    private int maxRequests = 100_000;
    private int maxConcurrency = 200;

    /** JSON body to POST to an HTTP target; empty means GET. */
    public String getHttpBody() {
      return httpBody;
    }

    public void setHttpBody(String httpBody) {
      this.httpBody = httpBody;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    /** Keys sampled from a table for {@code dynamodb://} targets, read round robin. */
    public int getSampleKeys() {
      return sampleKeys;
    }

    public void setSampleKeys(int sampleKeys) {
      this.sampleKeys = sampleKeys;
    }

    public int getMaxRequests() {
      return maxRequests;
    }

    public void setMaxRequests(int maxRequests) {
      this.maxRequests = maxRequests;
    }

    public int getMaxConcurrency() {
      return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
    }
  }

  /** Backup verification. */
  public static class Backup {
    private boolean requireExactMatch = true;

    public boolean isRequireExactMatch() {
      return requireExactMatch;
    }

    public void setRequireExactMatch(boolean requireExactMatch) {
      this.requireExactMatch = requireExactMatch;
    }
  }

  public Map<String, RuleSetSpec> getRuleSets() {
    return ruleSets;
  }

  public void setRuleSets(Map<String, RuleSetSpec> ruleSets) {
    this.ruleSets = ruleSets;
  }

  public Map<String, String> getExpectedKeySchema() {
    return expectedKeySchema;
  }

  public void setExpectedKeySchema(Map<String, String> expectedKeySchema) {
    this.expectedKeySchema = expectedKeySchema;
  }

  public int getScanSegments() {
    return scanSegments;
  }

  public void setScanSegments(int scanSegments) {
    this.scanSegments = scanSegments;
  }

  public Integer getScanPageSize() {
    return scanPageSize;
  }

  public void setScanPageSize(Integer scanPageSize) {
    this.scanPageSize = scanPageSize;
  }

  public boolean isFailOnEmptyTable() {
    return failOnEmptyTable;
  }

  public void setFailOnEmptyTable(boolean failOnEmptyTable) {
    this.failOnEmptyTable = failOnEmptyTable;
  }

  public Compare getCompare() {
    return compare;
  }

  public Health getHealth() {
    return health;
  }

  public Performance getPerformance() {
    return performance;
  }

  public Backup getBackup() {
    return backup;
  }
}
