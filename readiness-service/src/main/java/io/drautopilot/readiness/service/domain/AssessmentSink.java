package io.drautopilot.readiness.service.domain;

import io.drautopilot.readiness.ReadinessAssessor.Assessment;

/** Where a new assessment goes (the topic, the gauges, the notification). */
public interface AssessmentSink {

  void accept(Assessment assessment, Trigger trigger, Settings settings);
}
