package io.drautopilot.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The incident console: the page a person on call opens. It reads the incidents' timelines and
 * their commands' progress from the topics into its own read model (nothing else writes to it) and
 * shows them live; every decision a person makes there (acknowledge, approve, reject, cancel) goes
 * through the orchestrator's REST API as that person, so the audit log records who decided.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConsoleApplication.class, args);
  }
}
