package io.drautopilot.audit;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An archive under {@code s3://bucket/prefix}. Every object is one PutObject (S3 never shows half an
 * object) with {@code If-None-Match: *}, so S3 itself refuses to replace an existing key, even for
 * two archivers racing. A HEAD before the PUT gives the same refusal on S3-compatible servers that
 * ignore the condition. For archives that must outlive their retention, also turn on S3 Object Lock
 * on the bucket: write-once here stops this code from replacing an object, not a person with delete rights.
 */
public final class S3ArchiveStore implements ArchiveStore {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public S3ArchiveStore(S3Client s3, String location) {
    URI uri = URI.create(location);
    if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("not an s3://bucket[/prefix] location: " + location);
    }
    this.s3 = s3;
    this.bucket = uri.getHost();
    String path =
        uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
    this.prefix = path;
  }

  @Override
  public String uri() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  @Override
  public String uri(String key) {
    return "s3://" + bucket + "/" + objectKey(key);
  }

  @Override
  public void createNew(String key, byte[] content) {
    String objectKey = objectKey(key);
    if (exists(objectKey)) {
      throw new ArchiveExistsException(uri(key));
    }
    try {
      s3.putObject(
          r -> r.bucket(bucket).key(objectKey).ifNoneMatch("*").contentType(contentType(key)),
          RequestBody.fromBytes(content));
    } catch (S3Exception e) {
      // 412 PreconditionFailed: the key exists; 409 ConditionalRequestConflict: another writer is
      // creating it.
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        throw new ArchiveExistsException(uri(key));
      }
      throw e;
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(
          s3.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey(key))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean containsAnyUnder(String keyPrefix) {
    // With a delimiter the answer stays a handful of entries, so no page is truncated (and some
    // S3-compatible servers fail on a truncated page's continuation token).
    ListObjectsV2Response page =
        s3.listObjectsV2(r -> r.bucket(bucket).prefix(objectKey(keyPrefix) + "/").delimiter("/"));
    return page.hasContents() && !page.contents().isEmpty()
        || page.hasCommonPrefixes() && !page.commonPrefixes().isEmpty();
  }

  private boolean exists(String objectKey) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(objectKey));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404
          && (e.awsErrorDetails() == null
              || !"NoSuchBucket".equals(e.awsErrorDetails().errorCode()))) {
        return false;
      }
      throw e;
    }
  }

  private String objectKey(String key) {
    if (key.startsWith("/") || key.contains("..")) {
      throw new IllegalArgumentException("not a relative archive key: " + key);
    }
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  private static String contentType(String key) {
    return key.endsWith(".json") ? "application/json" : "application/octet-stream";
  }
}
