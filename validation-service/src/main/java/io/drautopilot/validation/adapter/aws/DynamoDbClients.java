package io.drautopilot.validation.adapter.aws;

import io.drautopilot.aws.AwsClientFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB client per region, built through the shared {@link AwsClientFactory}. */
public class DynamoDbClients implements AutoCloseable {

  private final AwsClientFactory factory;
  private final Map<String, DynamoDbClient> clients = new ConcurrentHashMap<>();

  public DynamoDbClients(AwsClientFactory factory) {
    this.factory = factory;
  }

  /** @param region null or blank for the default region ({@code dr.aws.region}) */
  public DynamoDbClient forRegion(String region) {
    String key = region == null || region.isBlank() ? "" : region;
    return clients.computeIfAbsent(key, r -> factory.client(DynamoDbClient.builder(), "dynamodb", r.isEmpty() ? null : r));
  }

  @Override
  public void close() {
    clients.values().forEach(DynamoDbClient::close);
  }
}
