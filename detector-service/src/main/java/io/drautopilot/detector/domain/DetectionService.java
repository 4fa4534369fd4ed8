package io.drautopilot.detector.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds observations (probe rounds, alerts) to the detector and publishes what it decides. */
public final class DetectionService {

  private static final Logger log = LoggerFactory.getLogger(DetectionService.class);

  private final IncidentDetector detector;
  private final IncidentPublisher publisher;

  public DetectionService(IncidentDetector detector, IncidentPublisher publisher) {
    this.detector = detector;
    this.publisher = publisher;
  }

  /** Returns the decisions that were published. */
  public List<Decision> process(Collection<Observation> observations) {
    List<Decision> published = new ArrayList<>();
    // Publishing under the detector's evaluation order keeps a raise before its upgrade before its
    // clear.
    synchronized (this) {
      for (Decision d : detector.evaluate(observations)) {
        try {
          publisher.publish(d);
          published.add(d);
          log.info(
              "{} {} {} {} in {} ({})",
              d.getClass().getSimpleName(),
              d.incident().scenario(),
              d.incident().severity(),
              d.incident().fingerprint(),
              d.incident().region(),
              d.incident().incidentId());
        } catch (RuntimeException e) {
          // Undone so the next round decides it again: nothing is lost while Kafka is unreachable.
          detector.publicationFailed(d);
          log.warn(
              "could not publish {} for {}: {}",
              d.getClass().getSimpleName(),
              d.incident().fingerprint(),
              e.getMessage());
        }
      }
    }
    return published;
  }

  public boolean awaitingConfirmation() {
    return detector.hasUnconfirmedFailures();
  }

  public IncidentDetector detector() {
    return detector;
  }
}
