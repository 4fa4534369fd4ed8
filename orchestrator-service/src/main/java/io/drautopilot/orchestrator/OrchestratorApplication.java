package io.drautopilot.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Turns the runbook into commands: consumes incidents, command results, approvals and clock ticks, keeps each incident's state, emits the next commands and the incident timeline (the audit log). The only writer of incident state.
 */
@SpringBootApplication
public class OrchestratorApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrchestratorApplication.class, args);
  }
}
