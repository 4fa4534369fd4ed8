package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.audit.HashChain;
import io.drautopilot.contracts.timeline.IncidentClosed;
import org.apache.avro.specific.SpecificRecord;

/**
 * Seals every timeline record into its incident's hash chain as it is emitted; the
 * {@code IncidentClosed} carries the chain head, signed when a signing key is configured.
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
   * Links {@code record} after {@code previousHead} (null before the incident's first record) and
   * returns the incident's new head.
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
