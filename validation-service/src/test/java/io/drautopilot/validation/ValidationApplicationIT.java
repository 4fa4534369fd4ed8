package io.drautopilot.validation;

import io.drautopilot.testsupport.ServiceEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class ValidationApplicationIT extends ServiceITBase {

  @LocalServerPort int port;

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    ServiceEndpoints.assertHealthyWithKafkaAndPrometheus(port, "validation-service");
  }
}
