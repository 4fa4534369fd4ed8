package io.drautopilot.localstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SandboxStubsIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldAnswerWithTheStubsFoundOnTheClasspath() throws Exception {
    HttpResponse<String> answer = post(SandboxStubs.url() + "/local-stack/echo");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("loaded");
  }

  @Test
  void shouldDropAddedStubsAndKeepTheSandboxStubsOnReset() throws Exception {
    SandboxStubs.shared()
        .stubFor(get(urlPathEqualTo("/local-stack/added")).willReturn(aResponse().withStatus(503)));
    assertThat(statusOfGet("/local-stack/added")).isEqualTo(503);

    SandboxStubs.reset();

    assertThat(SandboxStubs.shared().getAllServeEvents()).isEmpty();
    assertThat(statusOfGet("/local-stack/added")).isEqualTo(404);
    assertThat(post(SandboxStubs.url() + "/local-stack/echo").body()).isEqualTo("loaded");
  }

  private int statusOfGet(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(SandboxStubs.url() + path))).statusCode();
  }

  private HttpResponse<String> post(String url) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
