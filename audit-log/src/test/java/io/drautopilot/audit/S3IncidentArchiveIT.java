package io.drautopilot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.localstack.S3rver;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The archive contract against a real S3-compatible server (s3rver), plus what only S3 has. */
class S3IncidentArchiveIT extends IncidentArchiveContract {

  static S3rver server;
  static S3Client s3;
  static String bucket;

  /** Every PUT the client sent, as "key If-None-Match=value". */
  static final List<String> puts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    server = S3rver.shared();
    bucket = server.bucket("dr-incident-archive");
    s3 = clientRecordingPuts();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Override
  ArchiveStore store() {
    return ArchiveStore.at("s3://" + bucket + "/archives/" + UUID.randomUUID(), () -> s3);
  }

  @Override
  void overwrite(ArchiveStore store, String key, byte[] content) {
    String objectKey = store.uri(key).substring(("s3://" + bucket + "/").length());
    s3.putObject(r -> r.bucket(bucket).key(objectKey), RequestBody.fromBytes(content));
  }

  @Test
  void shouldAskS3ItselfToRefuseAnExistingKeyWhenPuttingEveryObject() {
    ArchiveStore store = store();
    puts.clear();

    archive(store).write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER));

    assertThat(puts).hasSize(9).allSatisfy(p -> assertThat(p).endsWith("If-None-Match=*"));
    assertThat(puts.get(puts.size() - 1))
        .contains("/" + SampleIncident.INCIDENT + "/manifest.json ");
  }

  static S3Client clientRecordingPuts() {
    return S3Client.builder()
        .endpointOverride(server.endpoint())
        .forcePathStyle(true)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3rver.ACCESS_KEY, S3rver.ACCESS_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c ->
                c.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeTransmission(
                          Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        if (context.httpRequest().method() == SdkHttpMethod.PUT) {
                          puts.add(
                              context.httpRequest().encodedPath()
                                  + " If-None-Match="
                                  + context
                                      .httpRequest()
                                      .firstMatchingHeader("If-None-Match")
                                      .orElse("(none)"));
                        }
                      }
                    }))
        .build();
  }
}
