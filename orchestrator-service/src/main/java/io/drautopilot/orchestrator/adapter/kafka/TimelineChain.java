package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.audit.HashChain;
import io.drautopilot.contracts.timeline.IncidentClosed;
import org.apache.avro.specific.SpecificRecord;

/**
 * Seals each timeline record into its incident's hash chain (the rule is in {@code audit-log}'s
 * README) just before it is written: the orchestrator is the one writer of the timeline, so it is
 * the one place the chain can be kept. {@code IncidentClosed} carries the chain head, signed when a
 * signing key is configured; without one the chain still shows a change, removal or reordering, but
 * not a log rewritten from its start.
 *
 * <p>Deterministic: hashes depend only on the records, and Ed25519 signatures only on the key and
 * the head, so a replay of an incident's inputs reproduces its chain exactly.
 */
public final class TimelineChain {

  private final ChainSigner signer;

  /** @param signer signs the head at close; null keeps the chain unsigned */
  public TimelineChain(ChainSigner signer) {
    this.signer = signer;
  }

  public static TimelineChain unsigned() {
    return new TimelineChain(null);
  }

  /**
   * Links {@code record} after {@code previousHead} and returns the incident's new head.
   *
   * @param previousHead the incident's last hash, or null before its first chained record (also the
   *     first one after an upgrade from a log without chains: the chain then starts mid-incident)
   */
  public String seal(SpecificRecord record, String previousHead) {
    String previous = previousHead == null ? HashChain.GENESIS : previousHead;
    if (record instanceof IncidentClosed closed && !previous.isEmpty()) {
      if (signer != null) {
        return HashChain.close(closed, previous, signer).getHash();
      }
      closed.setChainHead(previous);
    }
    return HashChain.link(record, previous).getHash();
  }
}
