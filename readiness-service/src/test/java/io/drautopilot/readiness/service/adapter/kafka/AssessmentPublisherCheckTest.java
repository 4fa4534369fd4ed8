package io.drautopilot.readiness.service.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.readiness.ReadinessCheck;
import org.junit.jupiter.api.Test;

class AssessmentPublisherCheckTest {

  @Test
  void shouldPublishEveryCheckOfTheModelUnderItsOwnContractSymbol() {
    // A check the contract lacks would be published as UNKNOWN: readers would lose what the finding
    // is about.
    for (io.drautopilot.readiness.ReadinessCheck check :
        io.drautopilot.readiness.ReadinessCheck.values()) {
      assertThat(AssessmentPublisher.check(check).name()).as(check.name()).isEqualTo(check.name());
    }
    assertThat(AssessmentPublisher.check(io.drautopilot.readiness.ReadinessCheck.RUNBOOK_REVIEW))
        .isEqualTo(ReadinessCheck.RUNBOOK_REVIEW);
  }
}
