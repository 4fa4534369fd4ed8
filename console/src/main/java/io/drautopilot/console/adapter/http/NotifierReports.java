package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The post-incident report, as the notifier renders it from the log. The report's text is on no
 * topic ({@code IncidentReportGenerated} carries only where the notifier wrote it) and its writer
 * lives in the notifier, so the console asks the notifier, which renders the same report on request.
 */
@Component
class NotifierReports {

  private static final Logger log = LoggerFactory.getLogger(NotifierReports.class);

  private final RestClient client;

  NotifierReports(ConsoleProperties properties) {
    ConsoleProperties.Notifier settings = properties.notifier();
    this.client = ServiceClients.of(settings.url(), settings.timeout());
  }

  /** The report as {@code md} or {@code html}; empty when the notifier has none or does not answer. */
  Optional<String> report(String incidentId, String format) {
    try {
      return Optional.ofNullable(
          client
              .get()
              .uri("/incidents/{id}/report." + format, incidentId)
              .retrieve()
              .body(String.class));
    } catch (RestClientResponseException | ResourceAccessException e) {
      log.info("No {} report of {} from the notifier: {}", format, incidentId, e.getMessage());
      return Optional.empty();
    }
  }
}
