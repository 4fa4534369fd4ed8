package io.drautopilot.containment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Contains a security incident (the runbook's Scenario 3): isolates compromised principals, deactivates
 * their access keys, turns on VPC flow logs, exports the incident window's audit events as evidence,
 * rotates secrets and, only after two-person approval, schedules KMS key deletion. A scenario handler
 * added as its own service: its commands arrive on its own topic, routed by configuration.
 */
@SpringBootApplication
public class ContainmentApplication {

  public static void main(String[] args) {
    SpringApplication.run(ContainmentApplication.class, args);
  }
}
