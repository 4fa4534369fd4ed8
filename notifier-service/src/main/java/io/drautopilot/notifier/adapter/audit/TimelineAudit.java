package io.drautopilot.notifier.adapter.audit;

import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.notifier.domain.report.IncidentReport.Audit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks an incident's timeline records (as written, Avro single-object encoding) against their hash
 * chain and the published public keys, for the report's audit section.
 *
 * <p>With no public key configured the links are still checked; only the signature over the head is
 * not, and the report says so rather than calling the chain broken or verified.
 */
public final class TimelineAudit {

  /** The namespace of the timeline's contracts: what {@code dr.incidents.timeline} carries. */
  static final String TIMELINE_NAMESPACE = IncidentOpened.getClassSchema().getNamespace();

  static final String UNTRUSTED_KEY = "the chain head's signature does not verify: signed by key ";

  private final IncidentVerifier verifier;
  private final boolean keysConfigured;

  private TimelineAudit(ChainVerifier keys, boolean keysConfigured) {
    this.verifier = new IncidentVerifier(keys);
    this.keysConfigured = keysConfigured;
  }

  /** Verifies signatures with these published public keys (several after a rotation). */
  public static TimelineAudit withKeys(ChainVerifier keys) {
    return new TimelineAudit(keys, !keys.keyIds().isEmpty());
  }

  /** Checks the links only: no public key is configured. */
  public static TimelineAudit withoutKeys() {
    return new TimelineAudit(ChainVerifier.of(List.of()), false);
  }

  /**
   * From {@code dr.audit.public-keys} (PEM or base64 DER) and {@code dr.audit.public-key-files};
   * neither given means links only.
   *
   * @throws IllegalArgumentException when a key is not an Ed25519 public key
   */
  public static TimelineAudit fromConfiguration(
      List<String> publicKeys, List<Path> publicKeyFiles) {
    List<String> keys =
        new ArrayList<>(publicKeys.stream().filter(k -> k != null && !k.isBlank()).toList());
    for (Path file : publicKeyFiles) {
      try {
        keys.add(Files.readString(file));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the public key file " + file + ": " + e.getMessage(), e);
      }
    }
    return keys.isEmpty()
        ? withoutKeys()
        : withKeys(ChainVerifier.fromKeys(keys.toArray(String[]::new)));
  }

  /** The verifier with the configured keys (none: every signature reads as by an untrusted key). */
  public IncidentVerifier verifier() {
    return verifier;
  }

  public boolean keysConfigured() {
    return keysConfigured;
  }

  /** Whether a decoded record is a timeline record (the chain covers those only). */
  public static boolean isTimeline(Object record) {
    return record instanceof IndexedRecord r
        && TIMELINE_NAMESPACE.equals(r.getSchema().getNamespace());
  }

  /** The audit of one incident's timeline records, in log order. */
  public Audit check(List<byte[]> timeline) {
    if (timeline.isEmpty()) {
      return new Audit(
          "no timeline",
          null,
          null,
          null,
          "no timeline records of the incident were read, so no chain" + " was checked");
    }
    Verification v = verifier.verifyEncoded(timeline);
    IncidentClosed close = closeOf(timeline.get(timeline.size() - 1));
    String signedHead = close == null ? null : close.getChainHead();
    String keyId = close == null ? null : close.getSigningKeyId();
    String signature = close == null ? null : close.getChainSignature();
    return switch (v.status()) {
      case VERIFIED -> new Audit("verified", signedHead, keyId, signature, v.summary());
      case INTACT_OPEN ->
          new Audit("chain intact so far (not signed yet)", v.head(), null, null, v.summary());
      case UNCHAINED ->
          new Audit("unchained (written before chaining)", null, null, null, v.summary());
      case BROKEN ->
          signatureNotChecked(v, timeline, close)
              ? new Audit(
                  "chain intact; signature not checked (no public key configured)",
                  signedHead,
                  keyId,
                  signature,
                  "links intact: "
                      + v.records()
                      + " timeline records of incident "
                      + v.incidentId()
                      + " up to the close,"
                      + " which signs head "
                      + signedHead
                      + " with key "
                      + keyId
                      + "; the signature was not checked: no"
                      + " public key is configured (dr.audit.public-keys or dr.audit.public-key-files)")
              : new Audit(
                  "BROKEN at record " + v.broken().index(), null, keyId, signature, v.summary());
    };
  }

  /**
   * True when the one thing that failed is the close's signature check for want of a key: every link
   * up to and including the close held (the verifier checks the close's hash and head before its
   * signature), and no key is configured to check the signature with.
   */
  private boolean signatureNotChecked(Verification v, List<byte[]> timeline, IncidentClosed close) {
    return !keysConfigured
        && close != null
        && v.broken().index() == timeline.size() - 1
        && v.broken().problem().startsWith(UNTRUSTED_KEY);
  }

  private static IncidentClosed closeOf(byte[] value) {
    try {
      return EventCodec.shared().decode(value) instanceof IncidentClosed c ? c : null;
    } catch (RuntimeException e) {
      return null; // the verifier names an unreadable record
    }
  }
}
