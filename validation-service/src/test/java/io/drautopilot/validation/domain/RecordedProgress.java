package io.drautopilot.validation.domain;

import io.drautopilot.messaging.command.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/** Every progress report, in the order received (scans call from several threads). */
final class RecordedProgress implements ProgressListener {

  record Report(long itemsDone, Long itemsTotal, String message) {}

  private final List<Report> reports = new ArrayList<>();

  @Override
  public synchronized void progress(
      long itemsDone, Long itemsTotal, Double itemsPerSecond, String message) {
    reports.add(new Report(itemsDone, itemsTotal, message));
  }

  synchronized List<Report> reports() {
    return List.copyOf(reports);
  }
}
