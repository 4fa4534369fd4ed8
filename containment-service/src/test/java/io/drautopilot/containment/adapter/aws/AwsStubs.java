package io.drautopilot.containment.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.localstack.SandboxStubs;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The shared {@link SandboxStubs} server (this service's own {@code sandbox/aws-stubs}) and
 * AWS-shaped answers to stub on top of it. Clients built here never retry, so a test sees each AWS
 * answer once.
 */
public final class AwsStubs {

  private AwsStubs() {}

  public static WireMockServer server() {
    return SandboxStubs.shared();
  }

  public static String url() {
    return SandboxStubs.url();
  }

  /** Back to only the sandbox stubs, with an empty request journal and every scenario at its start. */
  public static void reset() {
    SandboxStubs.reset();
  }

  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, String region) {
    return builder
        .region(Region.of(region))
        .endpointOverride(URI.create(url()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  public static <C extends SdkAutoCloseable> RegionalClients<C> regional(Supplier<C> client) {
    return new RegionalClients<>(region -> client.get());
  }

  /** An AWS query-protocol (IAM, EC2) error. */
  public static ResponseDefinitionBuilder queryError(
      int status, String code, String message, String requestId) {
    return WireMock.aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amzn-RequestId", requestId)
        .withBody(
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>"
                + requestId
                + "</RequestId></ErrorResponse>");
  }

  /** An EC2 error (its own shape: Response/Errors/Error, RequestID). */
  public static ResponseDefinitionBuilder ec2Error(
      int status, String code, String message, String requestId) {
    return WireMock.aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(
            "<Response><Errors><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error></Errors><RequestID>"
                + requestId
                + "</RequestID></Response>");
  }

  /** An AWS JSON-protocol (KMS, Secrets Manager, CloudWatch Logs) error. */
  public static ResponseDefinitionBuilder jsonError(
      int status, String code, String message, String requestId) {
    return WireMock.aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", requestId)
        .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  public static ResponseDefinitionBuilder json(String body) {
    return WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "test-request")
        .withBody(body);
  }

  public static ResponseDefinitionBuilder xml(String body) {
    return WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amzn-RequestId", "test-request")
        .withBody(body);
  }
}
