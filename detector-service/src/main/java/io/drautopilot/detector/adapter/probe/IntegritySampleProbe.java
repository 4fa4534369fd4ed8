package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.integrity.IntegrityTally;
import io.drautopilot.integrity.RuleSet;
import io.drautopilot.integrity.dynamodb.DynamoDbItems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The runbook's "validate data integrity" step as a continuous sample: one Scan page per table, judged by the same
 * record rules validation-service uses. Evidence names the broken rules and counts, never item values or keys.
 */
public class IntegritySampleProbe extends TargetProbe.PerTable {

  static final String CHECK = "table-integrity";

  private final RegionalClients<DynamoDbClient> clients;
  private final RuleSet rules;
  private final int sampleSize;
  private final double maxInvalidRatio;

  public IntegritySampleProbe(
      List<DetectorProperties.Target> targets,
      RegionalClients<DynamoDbClient> clients,
      RuleSet rules,
      int sampleSize,
      double maxInvalidRatio) {
    super(CHECK, targets);
    this.clients = clients;
    this.rules = rules;
    this.sampleSize = sampleSize;
    this.maxInvalidRatio = maxInvalidRatio;
  }

  /** Each table's part reads its own sample page. */
  @Override
  protected List<Observation> probeTable(String region, String table, Instant now) {
    List<Map<String, AttributeValue>> items;
    try {
      items = clients.forRegion(region).scan(b -> b.tableName(table).limit(sampleSize)).items();
    } catch (SdkException e) {
      // Unreadable tables are the availability probe's finding; this probe cannot judge them.
      return List.of();
    }
    IntegrityTally tally = new IntegrityTally(rules, 0);
    items.forEach(item -> tally.record(DynamoDbItems.view(item)));
    double ratio = tally.scanned() == 0 ? 0.0 : (double) tally.invalid() / tally.scanned();
    if (tally.invalid() > 0 && ratio > maxInvalidRatio) {
      String rulesBroken =
          tally.violationsByRule().entrySet().stream()
              .map(e -> e.getKey() + " x" + e.getValue())
              .collect(Collectors.joining(", "));
      return List.of(
          Observation.failing(
              CHECK,
              region,
              table,
              "integrity-violation",
              tally.invalid()
                  + " of "
                  + tally.scanned()
                  + " sampled items break the record rules: "
                  + rulesBroken,
              ratio,
              now));
    }
    return List.of(Observation.passing(CHECK, region, table, now));
  }
}
