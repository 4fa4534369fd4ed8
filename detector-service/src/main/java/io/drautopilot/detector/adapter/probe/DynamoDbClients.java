package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.AwsClientFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB client per region, built through the shared factory (so the sandbox's per-region endpoints apply). */
public class DynamoDbClients implements AutoCloseable {

  private final AwsClientFactory aws;
  private final java.time.Duration timeout;
  private final Map<String, DynamoDbClient> clients = new ConcurrentHashMap<>();

  public DynamoDbClients(AwsClientFactory aws, java.time.Duration timeout) {
    this.aws = aws;
    this.timeout = timeout;
  }

  public DynamoDbClient forRegion(String region) {
    return clients.computeIfAbsent(region, r -> ProbeClients.build(aws, DynamoDbClient.builder(),
        software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder.class, "dynamodb", r, timeout));
  }

  @Override
  public void close() {
    clients.values().forEach(DynamoDbClient::close);
    clients.clear();
  }
}
