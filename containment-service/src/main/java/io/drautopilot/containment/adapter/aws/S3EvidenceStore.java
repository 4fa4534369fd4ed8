package io.drautopilot.containment.adapter.aws;

import io.drautopilot.containment.domain.EvidenceStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Evidence as objects under {@code s3://bucket/prefix}, written once: PutObject with
 * {@code If-None-Match: *} never replaces an object, and the SHA-256 and record count travel as
 * object metadata so a later look needs no download.
 */
public class S3EvidenceStore implements EvidenceStore {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public S3EvidenceStore(S3Client s3, URI location) {
    this.s3 = s3;
    this.bucket = location.getHost();
    String path = location.getPath() == null ? "" : location.getPath().replaceAll("^/+", "");
    this.prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
  }

  @Override
  public Optional<Stored> find(String name) {
    String key = prefix + name;
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
      Map<String, String> meta = head.metadata();
      return Optional.of(
          new Stored(
              uri(key),
              meta.getOrDefault("sha256", ""),
              Long.parseLong(meta.getOrDefault("records", "0"))));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Stored putIfAbsent(String name, Path content, String sha256, long records) {
    String key = prefix + name;
    try {
      s3.putObject(
          b ->
              b.bucket(bucket)
                  .key(key)
                  .ifNoneMatch("*")
                  .contentType("application/x-ndjson")
                  .metadata(Map.of("sha256", sha256, "records", Long.toString(records))),
          RequestBody.fromFile(content));
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return find(name).orElseThrow(() -> e);
      }
      throw e;
    }
    return new Stored(uri(key), sha256, records);
  }

  private String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }
}
