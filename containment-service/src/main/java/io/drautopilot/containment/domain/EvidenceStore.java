package io.drautopilot.containment.domain;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where forensic evidence goes: write-once objects (a directory or an S3 prefix). Evidence is never
 * overwritten, so a redelivered export finds the first copy and keeps it.
 */
public interface EvidenceStore {

  /** One stored piece of evidence: where it is, its SHA-256 (hex) and how many records it holds. */
  record Stored(String location, String sha256, long records) {}

  Optional<Stored> find(String name);

  /** Stores {@code content} under {@code name} unless something is already there (then returns that). */
  Stored putIfAbsent(String name, Path content, String sha256, long records);
}
