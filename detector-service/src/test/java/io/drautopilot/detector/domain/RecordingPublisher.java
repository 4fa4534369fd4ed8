package io.drautopilot.detector.domain;

import java.util.ArrayList;
import java.util.List;

/** Keeps what would have been published; can be told to fail the next publications, as an unreachable Kafka would. */
public final class RecordingPublisher implements IncidentPublisher {

  public final List<Decision> published = new ArrayList<>();
  private int failuresLeft;

  public void failNext(int times) {
    failuresLeft = times;
  }

  @Override
  public void publish(Decision decision) {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("broker unreachable");
    }
    published.add(decision);
  }

  public List<Incident> incidents() {
    return published.stream().map(Decision::incident).toList();
  }
}
