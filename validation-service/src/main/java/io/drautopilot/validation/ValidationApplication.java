package io.drautopilot.validation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Proves a recovery with evidence: validates a table's keys and records, compares two tables, checks the service's health and performance.
 */
@SpringBootApplication
public class ValidationApplication {

  public static void main(String[] args) {
    SpringApplication.run(ValidationApplication.class, args);
  }
}
