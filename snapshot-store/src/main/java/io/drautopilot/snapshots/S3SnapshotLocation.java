package io.drautopilot.snapshots;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Snapshots under {@code s3://bucket/prefix}: objects {@code prefix/<table>/<takenAt>/segment-<i>.jsonl.gz}
 * and {@code .../manifest.json}. Segments stream up as multipart uploads of {@code partSize} bytes,
 * so an export holds one part per segment in memory whatever the table size; the manifest is one
 * PutObject (S3 never shows half an object). Segments are read with ranged GETs that resume where a
 * broken connection stopped, pinned to the object's ETag.
 *
 * <p>Errors other than "no such key" (access denied, no such bucket, throttling) are thrown as the
 * SDK's {@link S3Exception}, never taken for "no snapshot here". Uploads a crash abandons are left
 * as incomplete multipart uploads: give the bucket an AbortIncompleteMultipartUpload lifecycle rule.
 */
public final class S3SnapshotLocation implements SnapshotLocation {

  /** Multipart part size: 8 MiB (S3's minimum is 5 MiB for every part but the last). */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  /** @param location {@code s3://bucket} or {@code s3://bucket/prefix} */
  public S3SnapshotLocation(S3Client s3, String location, int partSize) {
    URI uri = URI.create(location);
    if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("not an s3://bucket[/prefix] location: " + location);
    }
    this.s3 = s3;
    this.bucket = uri.getHost();
    this.prefix = trimSlashes(uri.getPath());
    this.partSize = partSize;
  }

  public S3SnapshotLocation(S3Client s3, String location) {
    this(s3, location, DEFAULT_PART_SIZE);
  }

  @Override
  public String uri() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  @Override
  public Snapshot snapshot(String table, Instant takenAt) {
    return at(key(table) + "/" + SnapshotNaming.directoryName(takenAt));
  }

  /** The snapshot whose objects are under {@code <this location's prefix>/<relative>}. */
  Snapshot at(String snapshotKey) {
    return new Objects(snapshotKey);
  }

  @Override
  public List<Listed> list(String table) {
    List<Listed> found = new ArrayList<>();
    for (String dir : directories(table).values()) {
      Objects snapshot = new Objects(dir);
      snapshot.manifest().ifPresent(m -> found.add(new Listed(snapshot, m)));
    }
    return found;
  }

  /**
   * Newest directory first, reading manifests only until a complete one is found: a table with a
   * year of hourly snapshots costs its listing (one request per 1,000) and a manifest or two, not
   * 8,760 GetObject calls. The directory name is the time the snapshot was taken, as its manifest says.
   */
  @Override
  public Optional<Listed> latestComplete(String table) {
    for (String dir : directories(table).descendingMap().values()) {
      Objects snapshot = new Objects(dir);
      Optional<SnapshotManifest> manifest = snapshot.manifest();
      if (manifest.isPresent() && manifest.get().complete()) {
        return Optional.of(new Listed(snapshot, manifest.get()));
      }
    }
    return Optional.empty();
  }

  /** The table's snapshot directories (keys without a trailing slash) by the time their names stand for. */
  private java.util.NavigableMap<Instant, String> directories(String table) {
    String tablePrefix = key(table) + "/";
    java.util.TreeMap<Instant, String> dirs = new java.util.TreeMap<>();
    for (ListObjectsV2Response page :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(tablePrefix).delimiter("/"))) {
      for (CommonPrefix p : page.commonPrefixes()) {
        String dir = trimSlashes(p.prefix());
        SnapshotNaming.parseDirectoryName(dir.substring(dir.lastIndexOf('/') + 1))
            .ifPresent(at -> dirs.put(at, dir));
      }
    }
    return dirs;
  }

  private String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  static String trimSlashes(String path) {
    if (path == null) {
      return "";
    }
    return path.replaceAll("^/+", "").replaceAll("/+$", "");
  }

  /** One snapshot's objects: {@code <key>/manifest.json} and {@code <key>/segment-<i>.jsonl.gz}. */
  private final class Objects implements Snapshot {
    private final String key;

    Objects(String key) {
      this.key = key;
    }

    @Override
    public String uri() {
      return "s3://" + bucket + "/" + key;
    }

    @Override
    public String name() {
      return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public Optional<SnapshotManifest> manifest() {
      try {
        return ManifestJson.read(
            s3.getObjectAsBytes(b -> b.bucket(bucket).key(key + "/" + SnapshotNaming.MANIFEST))
                .asByteArray());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      } catch (S3Exception e) {
        if (e.statusCode() == 404 && !"NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
          return Optional.empty();
        }
        throw e;
      }
    }

    @Override
    public OutputStream createSegment(int segment) {
      return new MultipartUploadStream(s3, bucket, segmentKey(segment), partSize);
    }

    @Override
    public InputStream openSegment(int segment) {
      return new ResumingObjectStream(s3, bucket, segmentKey(segment), 3);
    }

    @Override
    public void writeManifest(SnapshotManifest manifest) {
      MultipartUploadStream.putWhole(
          s3,
          bucket,
          key + "/" + SnapshotNaming.MANIFEST,
          "application/json",
          ManifestJson.write(manifest));
    }

    private String segmentKey(int segment) {
      return key + "/" + SnapshotNaming.segmentFileName(segment);
    }
  }
}
