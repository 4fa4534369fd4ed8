package io.drautopilot.restore.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.localstack.SandboxStubs;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** AWS-shaped WireMock answers for the control-plane adapters, and clients with retries off (tests count calls). */
final class ControlPlaneStubs {

  private ControlPlaneStubs() {}

  static RegionalClients<DynamoDbClient> dynamo() {
    return new RegionalClients<>(
        region ->
            DynamoDbClient.builder()
                .endpointOverride(URI.create(SandboxStubs.url()))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
  }

  static SignedJsonClient signedJson() {
    AwsProperties p = new AwsProperties();
    p.setStaticCredentials(true);
    p.setRegion("us-east-1");
    p.getEndpoints().put("default", SandboxStubs.url());
    return new SignedJsonClient(p);
  }

  /** A DynamoDB JSON 1.0 call by its X-Amz-Target operation, optionally for one table. */
  static MappingBuilder dynamoCall(String operation, String tableName) {
    MappingBuilder m =
        post(urlEqualTo("/"))
            .atPriority(1)
            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation));
    return tableName == null
        ? m
        : m.withRequestBody(matchingJsonPath("$.TableName", equalTo(tableName)));
  }

  static ResponseDefinitionBuilder dynamoOk(String json) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withHeader("x-amzn-RequestId", "req-ok")
        .withBody(json);
  }

  static ResponseDefinitionBuilder dynamoError(
      int status, String code, String message, String requestId) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withHeader("x-amzn-RequestId", requestId)
        .withBody(
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + code
                + "\",\"message\":\""
                + message
                + "\"}");
  }

  static String table(String name, String status, String restoreSummary) {
    return "{\"Table\":{\"TableName\":\""
        + name
        + "\",\"TableStatus\":\""
        + status
        + "\","
        + "\"TableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/"
        + name
        + "\",\"ItemCount\":1200,"
        + "\"KeySchema\":[{\"AttributeName\":\"PK\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"SK\",\"KeyType\":\"RANGE\"}],"
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"PK\",\"AttributeType\":\"S\"},{\"AttributeName\":\"SK\",\"AttributeType\":\"S\"}]"
        + (restoreSummary == null ? "" : ",\"RestoreSummary\":" + restoreSummary)
        + "}}";
  }
}
