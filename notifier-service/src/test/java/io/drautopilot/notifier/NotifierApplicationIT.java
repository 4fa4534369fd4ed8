package io.drautopilot.notifier;

import io.drautopilot.testsupport.ServiceEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class NotifierApplicationIT extends NotifierIntegrationTest {

  @LocalServerPort int port;

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    ServiceEndpoints.assertHealthyWithKafkaAndPrometheus(port, "notifier-service");
  }
}
