package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The probes' DynamoDB clients, one per region with the {@link ProbeClients} settings. A bean of its own type so
 * that whatever acts on the tables the probes watch (the sandbox's drill faults) reaches the same endpoints.
 */
public class DynamoDbClients extends RegionalClients<DynamoDbClient> {

  public DynamoDbClients(AwsClientFactory aws, Duration timeout) {
    super(
        region ->
            aws.client(
                DynamoDbClient.builder(), "dynamodb", region, ProbeClients.settings(timeout)));
  }
}
