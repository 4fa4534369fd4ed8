package io.drautopilot.containment.adapter.file;

import io.drautopilot.containment.domain.EvidenceStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Evidence as files under a directory; a file once written is never replaced. */
public class DirectoryEvidenceStore implements EvidenceStore {

  private final Path root;

  public DirectoryEvidenceStore(Path root) {
    this.root = root;
  }

  @Override
  public Optional<Stored> find(String name) {
    Path file = resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(describe(file));
  }

  @Override
  public Stored putIfAbsent(String name, Path content, String sha256, long records) {
    Path file = resolve(name);
    try {
      Files.createDirectories(file.getParent());
      // Stage, then hard-link into place: the file appears complete or not at all, and a link never
      // replaces an existing file (a rename would), so the first copy of the evidence is kept.
      Path staged = Files.createTempFile(file.getParent(), ".staging-", ".part");
      try {
        Files.copy(content, staged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createLink(file, staged);
      } catch (FileAlreadyExistsException e) {
        return describe(file);
      } finally {
        Files.deleteIfExists(staged);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store evidence " + name + ": " + e.getMessage(), e);
    }
    return new Stored(file.toString(), sha256, records);
  }

  private Path resolve(String name) {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root.normalize())) {
      throw new IllegalArgumentException("evidence name escapes the store: " + name);
    }
    return file;
  }

  private static Stored describe(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long lines = 0;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
          BufferedReader reader =
              new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
        while (reader.readLine() != null) {
          lines++;
        }
      }
      return new Stored(file.toString(), HexFormat.of().formatHex(sha.digest()), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
