package io.drautopilot.audit;

import io.drautopilot.contracts.common.ChainLink;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.timeline.IncidentClosed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Links an incident's timeline records into a SHA-256 hash chain (the rule is in the module README,
 * "Verification spec"): each record's {@code metadata.chain} holds the previous record's hash and
 * its own, so changing, removing, reordering or inserting a record breaks a link.
 *
 * <p>The writer keeps the last hash per incident (the orchestrator, in its incident state) and calls
 * {@link #link} for every timeline record before it is written, and {@link #close} for the
 * {@code IncidentClosed}. Nothing here reads a clock or a random source: the same records give the
 * same hashes, so replaying an incident reproduces its chain.
 */
public final class HashChain {

  /** {@code previousHash} of the first record of an incident's chain. */
  public static final String GENESIS = "";

  private static final HexFormat HEX = HexFormat.of();

  private HashChain() {}

  /**
   * Sets {@code record.metadata.chain} to its link after {@code previousHash} and returns the link;
   * {@code link.getHash()} is the {@code previousHash} for the incident's next record.
   *
   * @param previousHash the hash of the incident's previous timeline record, {@link #GENESIS} for the first
   */
  public static ChainLink link(SpecificRecord record, String previousHash) {
    requireHash(previousHash, true);
    EventMetadata metadata = metadataOf(record);
    ChainLink link = new ChainLink(previousHash, "");
    metadata.setChain(link);
    link.setHash(hashOf(record, previousHash));
    return link;
  }

  /**
   * Seals the incident: {@code closed} carries the chain head (the hash of the incident's last record
   * before it) and the signer's signature over it, and is then linked like any record (its own hash
   * covers the signature). Returns the closed record's link.
   */
  public static ChainLink close(IncidentClosed closed, String previousHash, ChainSigner signer) {
    requireHash(previousHash, false);
    closed.setChainHead(previousHash);
    closed.setChainSignature(signer.sign(previousHash));
    closed.setSigningKeyId(signer.keyId());
    return link(closed, previousHash);
  }

  /**
   * The record's hash after {@code previousHash}: lowercase hex SHA-256 of the UTF-8 bytes of
   * {@code previousHash} followed by the record's canonical Avro encoding with its own schema, taken
   * with {@code metadata.chain.hash} empty. The record is left as it was.
   */
  static String hashOf(IndexedRecord record, String previousHash) {
    IndexedRecord chain = chainOf(metadataRecord(record));
    if (chain == null) {
      throw new IllegalArgumentException(
          record.getSchema().getFullName() + " has no metadata.chain to hash");
    }
    int hashField = chain.getSchema().getField("hash").pos();
    Object stored = chain.get(hashField);
    chain.put(hashField, "");
    try {
      MessageDigest sha256 = sha256();
      sha256.update(previousHash.getBytes(StandardCharsets.UTF_8));
      sha256.update(CanonicalEncoding.of(record));
      return HEX.formatHex(sha256.digest());
    } finally {
      chain.put(hashField, stored);
    }
  }

  static IndexedRecord metadataRecord(IndexedRecord record) {
    Schema.Field field = record.getSchema().getField("metadata");
    if (field == null || !(record.get(field.pos()) instanceof IndexedRecord metadata)) {
      throw new IllegalArgumentException(
          record.getSchema().getFullName()
              + " carries no metadata (EventMetadata): not an event record");
    }
    return metadata;
  }

  /** The metadata's chain link, or null when the record is unchained (or its schema predates chains). */
  static IndexedRecord chainOf(IndexedRecord metadata) {
    Schema.Field field = metadata.getSchema().getField("chain");
    return field == null ? null : (IndexedRecord) metadata.get(field.pos());
  }

  static boolean isHash(String value) {
    return value != null
        && value.length() == 64
        && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static EventMetadata metadataOf(SpecificRecord record) {
    if (!(metadataRecord(record) instanceof EventMetadata metadata)) {
      throw new IllegalArgumentException(
          record.getSchema().getFullName() + ".metadata is not an EventMetadata");
    }
    return metadata;
  }

  private static void requireHash(String previousHash, boolean genesisAllowed) {
    if (previousHash == null
        || !(isHash(previousHash) || (genesisAllowed && previousHash.isEmpty()))) {
      throw new IllegalArgumentException(
          "previousHash must be 64 lowercase hex digits"
              + (genesisAllowed
                  ? " or \"\" for an incident's first record"
                  : " (an incident closes after at least one chained record)")
              + ", got: "
              + previousHash);
    }
  }
}
