package io.drautopilot.restore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Carries out the recovery actions on AWS: finds the restore point, restores tables (PITR, AWS Backup, logical snapshots), fails traffic over and cuts configuration over; idempotent and resumable.
 */
@SpringBootApplication
public class RestoreApplication {

  public static void main(String[] args) {
    SpringApplication.run(RestoreApplication.class, args);
  }
}
