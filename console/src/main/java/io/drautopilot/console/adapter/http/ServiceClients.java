package io.drautopilot.console.adapter.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The one way the console builds its client of another service (the orchestrator, the notifier). */
final class ServiceClients {

  private ServiceClients() {}

  /** The service's base URL without a trailing slash, as the console names it in messages. */
  static String baseUrl(URI url) {
    return url.toString().replaceAll("/+$", "");
  }

  /** A client of the service at {@code url} that waits at most {@code timeout} to connect and to read. */
  static RestClient of(URI url, Duration timeout) {
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .connectTimeout(timeout)
                // HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which servers may
                // cut off mid-request
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    requests.setReadTimeout(timeout);
    return RestClient.builder().baseUrl(baseUrl(url)).requestFactory(requests).build();
  }
}
