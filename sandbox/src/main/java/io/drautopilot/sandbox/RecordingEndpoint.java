package io.drautopilot.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.drautopilot.localstack.SandboxStubs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers every AWS control-plane call of the sandbox (Route 53, Lambda, SNS, AWS Backup, CloudWatch,
 * Application Auto Scaling, ...) with AWS-shaped responses, and records each call. The stubs come from
 * each service's {@code sandbox/aws-stubs/*.json} (WireMock mappings). These calls are <em>recorded</em>,
 * not executed: the drill's summary lists them apart from what really ran (Kafka, DynamoDB data).
 */
final class RecordingEndpoint implements AutoCloseable {

  private final WireMockServer server;
  private final int stubs;

  private RecordingEndpoint(WireMockServer server, int stubs) {
    this.server = server;
    this.stubs = stubs;
  }

  static RecordingEndpoint start() {
    WireMockServer server = SandboxStubs.start(20);
    return new RecordingEndpoint(server, server.getStubMappings().size());
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  int stubCount() {
    return stubs;
  }

  /** Recorded calls by AWS operation (X-Amz-Target, Action= or method + path), in call order counts. */
  Map<String, Integer> recordedCalls() {
    Map<String, Integer> counts = new TreeMap<>();
    List<ServeEvent> events = server.getAllServeEvents();
    for (ServeEvent e : events) {
      counts.merge(operation(e), 1, Integer::sum);
    }
    return counts;
  }

  /** Answers the stub's calls (above every sandbox stub at its priority) from now on: {@code --fail-step}'s error. */
  void answer(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
    server.stubFor(stub);
  }

  /** One recorded call: its AWS operation, its request body and the status it was answered with. */
  record Call(String operation, String body, int status) {

    /** Answered with an error: nothing was changed by it. */
    boolean failed() {
      return status >= 400;
    }
  }

  /** Every call recorded so far, oldest first (the journal outlives the services that made the calls). */
  List<Call> calls() {
    List<ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
    java.util.Collections.reverse(events);
    return events.stream()
        .map(
            e ->
                new Call(
                    operation(e),
                    e.getRequest().getBodyAsString(),
                    e.getResponse() == null ? 0 : e.getResponse().getStatus()))
        .toList();
  }

  static String operation(ServeEvent e) {
    var request = e.getRequest();
    String target = request.getHeader("X-Amz-Target");
    if (target != null && !target.isBlank()) {
      return target;
    }
    String body = request.getBodyAsString();
    if (body != null && body.contains("Action=")) {
      String action = body.substring(body.indexOf("Action=") + 7);
      int amp = action.indexOf('&');
      return "query:" + (amp < 0 ? action : action.substring(0, amp));
    }
    String path = request.getUrl();
    int q = path.indexOf('?');
    return request.getMethod().value() + " " + (q < 0 ? path : path.substring(0, q));
  }

  @Override
  public void close() {
    server.stop();
  }
}
