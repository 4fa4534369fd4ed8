package io.drautopilot.audit;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where incident archives are kept: a directory or {@code s3://bucket/prefix}. Objects are written
 * once: {@link #createNew} refuses a key that exists, and an object appears whole or not at all.
 * Keys are relative, {@code /}-separated.
 */
public interface ArchiveStore {

  /** The location, as configured ({@code s3://bucket/prefix} or a directory path). */
  String uri();

  /** The location of one object, for messages and manifests. */
  String uri(String key);

  /**
   * Writes {@code content} under {@code key}, which must not exist yet.
   *
   * @throws ArchiveExistsException when it does
   */
  void createNew(String key, byte[] content);

  /** The object's bytes, or empty when there is none. */
  Optional<byte[]> read(String key);

  /** Whether any object lies under {@code prefix/}. */
  boolean containsAnyUnder(String prefix);

  /**
   * The store at {@code location}: {@code s3://bucket[/prefix]} (with the client from {@code s3},
   * e.g. {@code SnapshotS3Clients.create}), otherwise a directory path.
   */
  static ArchiveStore at(String location, Supplier<S3Client> s3) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(
          "no archive location given (a directory or s3://bucket/prefix)");
    }
    return location.startsWith("s3://")
        ? new S3ArchiveStore(s3.get(), location)
        : new DirectoryArchiveStore(java.nio.file.Path.of(location));
  }
}
