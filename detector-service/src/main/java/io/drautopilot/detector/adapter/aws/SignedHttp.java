package io.drautopilot.detector.adapter.aws;

import io.drautopilot.aws.AwsClientFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** The AWS APIs the probes call as signed HTTP requests, where the project has no SDK module for them. */
final class SignedHttp {

  private SignedHttp() {}

  /** The configured endpoint for the service in the region ({@code dr.aws.endpoints.*}), else AWS's own. */
  static URI endpoint(AwsClientFactory aws, String service, String region) {
    return Optional.ofNullable(aws.properties().endpointFor(service, region))
        .orElse(URI.create("https://" + service + "." + region + ".amazonaws.com"));
  }

  /** The request to send: the signature's headers on it. */
  static HttpRequest withSignature(HttpRequest.Builder send, SignedRequest signed) {
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      // The HTTP client sets these itself and refuses them from the caller.
      if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
        h.getValue().forEach(v -> send.header(h.getKey(), v));
      }
    }
    return send.build();
  }
}
