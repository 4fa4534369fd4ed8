package io.drautopilot.console.adapter.audit;

import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each incident's timeline records as they were written (the bytes, in log order), checked against
 * their hash chain and the published public keys with the audit log's verifier. The records are kept
 * as read, never re-encoded, so the check is the one an outside auditor would make of the topic.
 * With no public key configured, the links are checked and the signature is said to be unchecked.
 */
public final class TimelineChains {

  /** What the page shows: a word for the state, and the verifier's sentence. */
  public record State(String status, String summary, boolean ok) {}

  private record Cached(int records, State state) {}

  private static final String UNTRUSTED_KEY = "which is not a trusted key";

  private final IncidentVerifier verifier;
  private final boolean keysConfigured;
  private final Map<String, List<byte[]>> timelines = new ConcurrentHashMap<>();
  private final Map<String, Cached> checked = new ConcurrentHashMap<>();

  public TimelineChains(ChainVerifier keys) {
    this.verifier = new IncidentVerifier(keys);
    this.keysConfigured = !keys.keyIds().isEmpty();
  }

  /** A record as read from a topic: only the timeline's records are chained. */
  public void accept(String topic, String incidentId, byte[] value) {
    if (Topics.INCIDENT_TIMELINE.equals(topic) && incidentId != null && value != null) {
      List<byte[]> records = timelines.computeIfAbsent(incidentId, k -> new ArrayList<>());
      synchronized (records) {
        records.add(value);
      }
    }
  }

  public void clear() {
    timelines.clear();
    checked.clear();
  }

  /** The chain's state as of the records read so far; checked again only when more have been read. */
  public Optional<State> check(String incidentId) {
    List<byte[]> records = timelines.get(incidentId);
    if (records == null) {
      return Optional.empty();
    }
    List<byte[]> copy;
    synchronized (records) {
      copy = List.copyOf(records);
    }
    Cached cached = checked.get(incidentId);
    if (cached != null && cached.records() == copy.size()) {
      return Optional.of(cached.state());
    }
    State state = describe(verifier.verifyEncoded(copy));
    checked.put(incidentId, new Cached(copy.size(), state));
    return Optional.of(state);
  }

  private State describe(Verification v) {
    return switch (v.status()) {
      case VERIFIED -> new State("verified", v.summary(), true);
      case INTACT_OPEN -> new State("intact, not signed yet", v.summary(), true);
      case UNCHAINED -> new State("unchained", v.summary(), true);
      case BROKEN ->
          !keysConfigured && v.broken().problem().contains(UNTRUSTED_KEY)
              ? new State(
                  "links intact, signature not checked",
                  "every link of the "
                      + v.records()
                      + " timeline records holds; the chain head's signature was not checked (no public key configured: dr.audit.public-keys)",
                  true)
              : new State("broken", v.summary(), false);
    };
  }
}
