package io.drautopilot.snapshots;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Resolves the snapshot locations commands and runbooks name: {@code s3://bucket[/prefix]}, a
 * {@code file:} URI or a plain directory path. Any other scheme, or a blank location, is an
 * {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code
 * SnapshotLocation where = store.location("s3://acme-dr-snapshots/prod");
 * Snapshot s = where.snapshot("entities", takenAt);       // s3://acme-dr-snapshots/prod/entities/<takenAt>
 * Optional<SnapshotLocation.Listed> latest = store.complete("s3://acme-dr-snapshots/prod/entities");
 * }</pre>
 */
public final class SnapshotStore {

  private final Supplier<S3Client> s3;
  private final int partSize;
  private volatile S3Client client;

  /** @param s3 the S3 client, created on first use of an {@code s3://} location */
  public SnapshotStore(Supplier<S3Client> s3, int partSize) {
    this.s3 = s3;
    this.partSize = partSize;
  }

  public SnapshotStore(Supplier<S3Client> s3) {
    this(s3, S3SnapshotLocation.DEFAULT_PART_SIZE);
  }

  /** A store for local directories only: {@code s3://} locations are refused. */
  public static SnapshotStore localOnly() {
    return new SnapshotStore(
        () -> {
          throw new IllegalArgumentException(
              "no S3 client configured for s3:// snapshot locations");
        });
  }

  /** Where snapshots of many tables live. */
  public SnapshotLocation location(String uri) {
    if (isS3(uri)) {
      return new S3SnapshotLocation(s3(), uri, partSize);
    }
    return new LocalSnapshotLocation(localPath(uri));
  }

  /** The snapshot exactly at {@code uri} (as {@link Snapshot#uri()} gave it). */
  public Snapshot snapshot(String uri) {
    if (isS3(uri)) {
      URI parsed = URI.create(uri);
      String key = S3SnapshotLocation.trimSlashes(parsed.getPath());
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "an S3 snapshot needs a key prefix, not only a bucket: " + uri);
      }
      return new S3SnapshotLocation(s3(), "s3://" + parsed.getHost(), partSize).at(key);
    }
    return LocalSnapshotLocation.at(localPath(uri));
  }

  /**
   * A complete snapshot for {@code uri}: the snapshot there if its manifest is complete, otherwise
   * {@code uri} is read as a table's directory ({@code <location>/<table>}) and its latest complete
   * snapshot is taken. With the manifest as read, so the caller need not read it again.
   */
  public Optional<SnapshotLocation.Listed> complete(String uri) {
    Snapshot exact = snapshot(uri);
    Optional<SnapshotManifest> own = exact.manifest().filter(SnapshotManifest::complete);
    if (own.isPresent()) {
      return Optional.of(new SnapshotLocation.Listed(exact, own.get()));
    }
    String trimmed = uri.replaceAll("/+$", "");
    int slash = trimmed.lastIndexOf('/');
    if (slash <= 0 || trimmed.endsWith(":") || (isS3(uri) && slash < "s3://".length())) {
      return Optional.empty();
    }
    String parent = trimmed.substring(0, slash);
    String table = trimmed.substring(slash + 1);
    return location(parent).latestComplete(table);
  }

  public static boolean isS3(String uri) {
    return uri != null && uri.startsWith("s3://");
  }

  static Path localPath(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("no snapshot location given");
    }
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          "snapshot location scheme not supported (use s3://, file: or a path): " + uri);
    }
    return Path.of(uri);
  }

  private S3Client s3() {
    S3Client c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = s3.get();
          client = c;
        }
      }
    }
    return c;
  }
}
