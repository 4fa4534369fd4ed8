package io.drautopilot.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3rverIT {

  @Test
  void shouldStoreAndReadAnObjectWithTheSdkV2Client() {
    S3rver s3rver = S3rver.shared();
    String bucket = s3rver.bucket("it-objects");

    try (S3Client s3 = s3rver.client()) {
      s3.putObject(
          b -> b.bucket(bucket).key("manifests/one.json"),
          RequestBody.fromString("{\"items\":25}"));

      assertThat(
              new String(
                  s3.getObjectAsBytes(b -> b.bucket(bucket).key("manifests/one.json"))
                      .asByteArray(),
                  StandardCharsets.UTF_8))
          .isEqualTo("{\"items\":25}");
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("manifests/")).contents())
          .singleElement()
          .satisfies(o -> assertThat(o.key()).isEqualTo("manifests/one.json"));
    }
  }

  @Test
  void shouldKeepAnExistingBucketWhenAskedForItAgain() {
    S3rver s3rver = S3rver.shared();
    String bucket = s3rver.bucket("it-kept");
    try (S3Client s3 = s3rver.client()) {
      s3.putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("x"));
    }

    assertThat(s3rver.bucket("it-kept")).isEqualTo("it-kept");

    try (S3Client s3 = s3rver.client()) {
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(1);
    }
  }
}
