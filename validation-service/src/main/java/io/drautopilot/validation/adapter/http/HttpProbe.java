package io.drautopilot.validation.adapter.http;

import io.drautopilot.validation.domain.LoadRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP request as the performance probe: GET, or POST of a JSON body; anything but 2xx is an error. */
public final class HttpProbe implements LoadRunner.Probe {

  private final HttpClient http;
  private final HttpRequest request;

  public HttpProbe(HttpClient http, String url, String jsonBody, Duration timeout) {
    this.http = http;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    this.request =
        jsonBody == null || jsonBody.isBlank()
            ? b.GET().build()
            : b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
  }

  @Override
  public void call(int requestIndex) throws IOException, InterruptedException {
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode());
    }
  }
}
