package io.drautopilot.orchestrator;

import io.drautopilot.testsupport.ServiceEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      // Local state of an earlier run belongs to a broker that no longer exists.
      "dr.orchestrator.streams.state-dir=${java.io.tmpdir}/orchestrator-app-it-${random.uuid}"
    })
// Closed after the class, while the JVM-wide embedded broker still runs, so Kafka Streams shuts
// down cleanly.
@DirtiesContext
class OrchestratorApplicationIT {

  @LocalServerPort int port;

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    ServiceEndpoints.assertHealthyWithKafkaAndPrometheus(port, "orchestrator-service");
  }
}
