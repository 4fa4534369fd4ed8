package io.drautopilot.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeProcessIT {

  @Test
  void shouldWaitUntilThePortAnswersHttpNotJustUntilItAcceptsConnections() throws Exception {
    // for its first second the port accepts connections and drops them, as no HTTP server does
    String script =
        String.join(
            "\n",
            "const net = require('net'), http = require('http');",
            "const port = Number(process.argv[1]);",
            "const raw = net.createServer(s => s.destroy()).listen(port, '127.0.0.1', () =>",
            "  setTimeout(() => raw.close(() =>",
            "    http.createServer((q, r) => r.end('served')).listen(port, '127.0.0.1')), 1000));");

    try (NodeProcess p =
        NodeProcess.start("test-server", "package.json", List.of("-e", script, "{port}"))) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(answer.body()).isEqualTo("served");
      assertThat(p.exitReason()).isEmpty();
    }
  }

  @Test
  void shouldNameTheExitCodeAndWhatTheProcessPrintedWhenItExitsAtStart() {
    assertThatThrownBy(
            () ->
                NodeProcess.start(
                    "test-server",
                    "package.json",
                    List.of(
                        "-e", "console.error('cannot open the data directory'); process.exit(3)")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test-server exited with code 3")
        .hasMessageContaining("cannot open the data directory");
  }
}
