package io.drautopilot.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An archive in a local (or mounted) directory. Each object is written to a temporary file beside
 * it, forced to disk, then hard-linked to its name: the link fails if the name exists (write-once)
 * and the name never shows a partly written file.
 */
public final class DirectoryArchiveStore implements ArchiveStore {

  private final Path root;

  public DirectoryArchiveStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String uri() {
    return root.toString();
  }

  @Override
  public String uri(String key) {
    return resolve(key).toString();
  }

  @Override
  public void createNew(String key, byte[] content) {
    Path target = resolve(key);
    Path temporary =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        throw new ArchiveExistsException(target.toString());
      }
      try (OutputStream out =
          Files.newOutputStream(
              temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.createLink(target, temporary);
      } catch (UnsupportedOperationException noHardLinks) {
        // A file system without hard links: a rename that refuses an existing target (not atomic
        // against a racing writer).
        Files.move(temporary, target);
      }
    } catch (FileAlreadyExistsException e) {
      throw new ArchiveExistsException(target.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // a stray temporary file is harmless: readers look only at the names the manifest gives
      }
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(Files.readAllBytes(resolve(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resolve(key), e);
    }
  }

  @Override
  public boolean containsAnyUnder(String prefix) {
    Path dir = resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException(
          "archive key " + key + " leaves the archive directory " + root);
    }
    return path;
  }
}
