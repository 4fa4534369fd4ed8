package io.drautopilot.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What S3 answers when another writer created the key between the HEAD and the PUT (s3rver does not
 * implement conditional writes): S3's own refusal, as AWS documents it, becomes the write-once refusal.
 */
class S3ArchiveStoreConditionalWriteTest {

  WireMockServer s3;
  S3Client client;

  @BeforeEach
  void start() {
    s3 = new WireMockServer(options().dynamicPort());
    s3.start();
    s3.stubFor(
        head(urlPathEqualTo("/archive/inc-1/manifest.json"))
            .willReturn(aResponse().withStatus(404)));
    client =
        S3Client.builder()
            .endpointOverride(URI.create(s3.baseUrl()))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    s3.stop();
  }

  @Test
  void shouldRefuseTheWriteWhenS3AnswersPreconditionFailed() {
    s3.stubFor(
        put(urlPathEqualTo("/archive/inc-1/manifest.json"))
            .willReturn(
                s3Error(
                    412,
                    "PreconditionFailed",
                    "At least one of the pre-conditions you specified did not hold")));

    assertThatThrownBy(
            () ->
                new S3ArchiveStore(client, "s3://archive")
                    .createNew("inc-1/manifest.json", new byte[] {1}))
        .isInstanceOf(ArchiveExistsException.class)
        .hasMessageContaining("s3://archive/inc-1/manifest.json");
  }

  @Test
  void shouldRefuseTheWriteWhenAnotherWriterIsCreatingTheSameKey() {
    s3.stubFor(
        put(urlPathEqualTo("/archive/inc-1/manifest.json"))
            .willReturn(
                s3Error(
                    409,
                    "ConditionalRequestConflict",
                    "A conflicting conditional action is currently in progress against this resource.")));

    assertThatThrownBy(
            () ->
                new S3ArchiveStore(client, "s3://archive")
                    .createNew("inc-1/manifest.json", new byte[] {1}))
        .isInstanceOf(ArchiveExistsException.class);
  }

  @Test
  void shouldPassOtherS3ErrorsOnWhenWriting() {
    s3.stubFor(
        any(urlPathEqualTo("/archive/inc-1/manifest.json"))
            .atPriority(10)
            .willReturn(s3Error(403, "AccessDenied", "Access Denied")));

    assertThatThrownBy(
            () ->
                new S3ArchiveStore(client, "s3://archive")
                    .createNew("inc-1/manifest.json", new byte[] {1}))
        .isInstanceOf(SdkException.class)
        .hasMessageContaining("Access Denied");
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder s3Error(
      int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withHeader("x-amz-request-id", "REQ123")
        .withBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>REQ123</RequestId></Error>");
  }
}
