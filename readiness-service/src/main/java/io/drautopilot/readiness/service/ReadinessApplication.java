package io.drautopilot.readiness.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Recovery readiness, before the incident: reads every restore, import, backup verification and drill
 * the other services reported ({@code dr.commands.results}, {@code dr.incidents.timeline}), the protected
 * tables' size and PITR status from DynamoDB, and publishes on {@code dr.readiness.assessments} whether
 * RTO 15 min / RPO 5 min would hold, path by path, with a readiness score whose every point names its
 * evidence. Decides nothing for a recovery: it writes only its own assessments.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ReadinessApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReadinessApplication.class, args);
  }
}
