package io.drautopilot.snapshots;

import io.drautopilot.aws.AwsClientFactory;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The S3 client for snapshot locations, built like every other client ({@link AwsClientFactory}):
 * cross-region access on, so one client reads and writes buckets in any region (scenario 1 restores
 * in the secondary region from a bucket in either).
 *
 * <p>With an endpoint override for {@code s3} (an S3-compatible server such as the sandbox's
 * s3rver), requests are path-style, bodies are signed whole rather than in {@code aws-chunked}
 * frames, and checksums are sent only where an operation requires them: such servers do not decode
 * the chunked uploads the SDK sends otherwise. Against AWS the
 * SDK's defaults stay (CRC checksums on every upload). Either way each segment carries its own gzip
 * CRC-32, checked when it is read.
 */
public final class SnapshotS3Clients {

  private SnapshotS3Clients() {}

  /** @param region the client's home region, or null for {@code dr.aws.region} */
  public static S3Client create(AwsClientFactory aws, String region) {
    String effective = region != null ? region : aws.properties().getRegion();
    S3ClientBuilder builder = S3Client.builder().crossRegionAccessEnabled(true);
    if (aws.properties().endpointFor("s3", effective) != null) {
      builder
          .forcePathStyle(true)
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return aws.client(builder, "s3", region);
  }
}
