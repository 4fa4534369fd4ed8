package io.drautopilot.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real s3rver process (an S3-compatible server on the file system, from the pinned
 * {@code node_modules}) on a free loopback port: path-style buckets, multipart uploads, ranged
 * GETs, ListObjectsV2 with delimiters. One instance per JVM ({@link #shared()}).
 *
 * <p>s3rver accepts one access key; this launcher registers {@link #ACCESS_KEY} (the sandbox's
 * static credentials) besides s3rver's own. It does not decode {@code aws-chunked} uploads, so
 * clients talking to it send plain signed bodies and checksums only where an operation requires them.
 *
 * <p>Needs {@code npm ci} at the repository root.
 */
public final class S3rver implements AutoCloseable {

  /** The access key (and secret) s3rver is told to accept; the sandbox's static credentials. */
  public static final String ACCESS_KEY = "sandbox";

  private static final Logger log = LoggerFactory.getLogger(S3rver.class);
  private static final Map<String, S3rver> SHARED = new ConcurrentHashMap<>();
  private static final String LAUNCHER =
      String.join(
          "\n",
          "const S3rver = require('s3rver');",
          "require('s3rver/lib/models/account').DUMMY_ACCOUNT.createKeyPair(process.argv[3], process.argv[3]);",
          "new S3rver({ address: '127.0.0.1', port: Number(process.argv[1]), directory: process.argv[2],",
          "  silent: true }).run().catch(e => { console.error(e); process.exit(1); });");

  private final NodeProcess process;

  private S3rver(NodeProcess process) {
    this.process = process;
  }

  /** The JVM-wide instance, started on first use on a temporary directory. */
  public static S3rver shared() {
    return SHARED.computeIfAbsent(
        "shared",
        n -> {
          try {
            S3rver s = start(Files.createTempDirectory("s3rver"));
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "s3rver-stop"));
            return s;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Starts a new s3rver keeping its buckets and objects under {@code directory}. */
  public static S3rver start(Path directory) {
    NodeProcess process =
        NodeProcess.start(
            "s3rver",
            "node_modules/s3rver/lib/s3rver.js",
            List.of("-e", LAUNCHER, "{port}", directory.toString(), ACCESS_KEY));
    log.info("s3rver started on 127.0.0.1:{}", process.port());
    return new S3rver(process);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + process.port());
  }

  /** An SDK v2 client for this server (path-style, the accepted static credentials). */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * Creates {@code bucket} unless it exists; returns it. When the call fails because s3rver has exited, the error says
   * so, with the end of what it printed.
   */
  public String bucket(String bucket) {
    try (S3Client s3 = client()) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    } catch (SdkClientException e) {
      String exited = process.exitReason();
      if (!exited.isEmpty()) {
        throw new IllegalStateException(exited, e);
      }
      throw e;
    }
    return bucket;
  }

  @Override
  public void close() {
    process.close();
  }
}
