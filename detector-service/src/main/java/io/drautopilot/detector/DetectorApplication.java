package io.drautopilot.detector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Notices outages early: probes tables, metrics, the service's health endpoint and backups, takes alert webhooks, classifies what it sees into the runbook's scenarios and severities, and publishes each incident once as {@code IncidentDetected}.
 */
@SpringBootApplication
public class DetectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(DetectorApplication.class, args);
  }
}
