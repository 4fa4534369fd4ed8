package io.drautopilot.validation.config;

import io.drautopilot.integrity.RuleSetSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.validation.*}. Every setting has a default that works against the seed's tables.
 *
 * <pre>
 * dr.validation:
 *   rule-sets:                      # by name; commands pick one (ValidateTableCommand.ruleSet, default "default")
 *     default:                      # integrity-rules RuleSetSpec; defaults: PK, SK, entityType present, strings
 *       entity-types:
 *         Employee: {required: [email], types: {salary: N}}
 *   expected-key-schema: {PK: HASH, SK: RANGE}   # entries given are added to (or replace) these two
 *   scan-segments: 4                # parallel Scan segments for validation (CompareTables carries its own)
 *   scan-page-size:                 # Scan Limit per page; empty = DynamoDB's 1 MB pages
 *   fail-on-empty-table: true
 *   compare: {buckets: 1024, max-rescan-items: 200000}
 *   health: {healthy-statuses: [healthy, ok, up, pass, true], connect-timeout: 2s}
 *   performance: {http-body: , request-timeout: 10s, sample-keys: 100, max-requests: 100000, max-concurrency: 200, warm-up: 0s}
 *   backup: {require-exact-match: true}
 * </pre>
 *
 * @param ruleSets          integrity rule sets by name, in configured order
 * @param expectedKeySchema the key schema every validated table must have, attribute name to key type;
 *                          the entries given are merged over {@link #DEFAULT_KEY_SCHEMA} (PK HASH, SK RANGE)
 * @param scanSegments      parallel Scan segments for validation (CompareTables carries its own)
 * @param scanPageSize      Scan Limit per page; unset: DynamoDB's 1 MB pages
 * @param failOnEmptyTable  whether a table without items fails validation
 * @param compare           comparison of two tables
 * @param health            the GraphQL health check
 * @param performance       the performance check
 * @param backup            backup verification
 */
@ConfigurationProperties("dr.validation")
public record ValidationProperties(
    @DefaultValue Map<String, RuleSetSpec> ruleSets,
    Map<String, String> expectedKeySchema,
    @DefaultValue("4") int scanSegments,
    Integer scanPageSize,
    @DefaultValue("true") boolean failOnEmptyTable,
    @DefaultValue Compare compare,
    @DefaultValue Health health,
    @DefaultValue Performance performance,
    @DefaultValue Backup backup) {

  /** The seed's key schema: partition key PK, sort key SK. */
  public static final Map<String, String> DEFAULT_KEY_SCHEMA = defaultKeySchema();

  public ValidationProperties {
    ruleSets = unmodifiable(ruleSets == null ? Map.of() : ruleSets); // in configured order
    // Merged, not replaced: the entries an environment gives join (or override) PK and SK.
    Map<String, String> keySchema = new LinkedHashMap<>(DEFAULT_KEY_SCHEMA);
    if (expectedKeySchema != null) {
      keySchema.putAll(expectedKeySchema);
    }
    expectedKeySchema = unmodifiable(keySchema);
  }

  private static Map<String, String> defaultKeySchema() {
    Map<String, String> schema = new LinkedHashMap<>();
    schema.put("PK", "HASH");
    schema.put("SK", "RANGE");
    return Collections.unmodifiableMap(schema);
  }

  private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Comparison: key-hash buckets and how many items the second, key-naming pass may hold.
   *
   * @param buckets        key-hash buckets the two tables' items are counted and hashed in
   * @param maxRescanItems the most items the second, key-naming pass may hold
   */
  public record Compare(
      @DefaultValue("1024") int buckets, @DefaultValue("200000") long maxRescanItems) {}

  /**
   * The GraphQL health check.
   *
   * @param healthyStatuses the statuses that count as healthy
   * @param query           the GraphQL query sent
   * @param connectTimeout  the HTTP client's connect timeout (health and performance checks)
   */
  public record Health(
      @DefaultValue({"healthy", "ok", "up", "pass", "true"}) List<String> healthyStatuses,
      @DefaultValue("{ healthCheck { status database { entities events cache } } }") String query,
      @DefaultValue("2s") Duration connectTimeout) {

    public Health {
      healthyStatuses = healthyStatuses == null ? List.of() : List.copyOf(healthyStatuses);
    }
  }

  /**
   * The performance check.
   *
   * @param httpBody       JSON body to POST to an HTTP target; empty means GET
   * @param requestTimeout how long one request may take
   * @param sampleKeys     keys sampled from a table for {@code dynamodb://} targets, read round robin
   * @param maxRequests    the most requests one check sends (the latencies held in memory)
   * @param maxConcurrency the most requests in flight at once
   * @param warmUp         how long a timed check (the command's durationSeconds) sends requests before
   *                       it measures them: each caller's connection and the first calls through cold
   *                       code are not what the service does under load; the measured time is the
   *                       command's duration, after it. 0 for none
   */
  public record Performance(
      String httpBody,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("100") int sampleKeys,
      @DefaultValue("100000") int maxRequests,
      @DefaultValue("200") int maxConcurrency,
      @DefaultValue("0s") Duration warmUp) {}

  /**
   * Backup verification.
   *
   * @param requireExactMatch false when the source keeps taking writes after the backup, so only the
   *                          validation decides
   */
  public record Backup(@DefaultValue("true") boolean requireExactMatch) {}
}
