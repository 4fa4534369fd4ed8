package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.AwsProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal SigV4-signed JSON client for the two AWS APIs whose SDK v2 modules (backup,
 * applicationautoscaling) the project's package registry does not serve. Same endpoint overrides and
 * credentials as {@code AwsClientFactory} ({@code dr.aws.*}); errors become {@link AwsServiceException}
 * with the AWS error code and request id, so {@code AwsFailures} types them like SDK errors.
 */
public class SignedJsonClient implements AutoCloseable {

  private static final JsonMapper JSON = new JsonMapper();

  private final AwsProperties properties;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public SignedJsonClient(AwsProperties properties) {
    this.properties = properties;
    this.credentials =
        properties.isStaticCredentials()
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"))
            : DefaultCredentialsProvider.builder().build();
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
  }

  /**
   * @param serviceId the endpoint id ({@code dr.aws.endpoints.<id>}) and host prefix, e.g. backup
   * @param signingName the SigV4 service name, e.g. backup, application-autoscaling
   * @param headers extra headers, e.g. X-Amz-Target for the JSON 1.1 protocol
   */
  public JsonNode call(
      String serviceId,
      String signingName,
      String region,
      SdkHttpMethod method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      Object body) {
    String effectiveRegion =
        region != null
            ? region
            : properties.getRegion() != null ? properties.getRegion() : "us-east-1";
    URI endpoint = properties.endpointFor(serviceId, effectiveRegion);
    if (endpoint == null) {
      endpoint = URI.create("https://" + serviceId + "." + effectiveRegion + ".amazonaws.com");
    }
    byte[] payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().uri(endpoint).encodedPath(path).method(method);
    query.forEach(request::putRawQueryParameter);
    headers.forEach(request::putHeader);
    if (body != null) {
      request.putHeader("Content-Type", headers.getOrDefault("Content-Type", "application/json"));
    }
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveIdentity().join())
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, effectiveRegion));
    HttpExecuteResponse response;
    byte[] bytes;
    try {
      response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(
                          body == null ? null : ContentStreamProvider.fromByteArray(payload))
                      .build())
              .call();
      try (InputStream in =
          response
              .responseBody()
              .map(s -> (InputStream) s)
              .orElseGet(() -> new ByteArrayInputStream(new byte[0]))) {
        bytes = in.readAllBytes();
      }
    } catch (IOException e) {
      throw SdkClientException.create(
          "cannot call " + serviceId + " at " + endpoint + ": " + e.getMessage(), e);
    }
    // the status decides; the body (JSON from AWS, but HTML or nothing from a proxy, a load
    // balancer
    // or a wrong endpoint) is only detail
    SdkHttpResponse answer = response.httpResponse();
    int status = answer.statusCode();
    String requestId =
        answer
            .firstMatchingHeader("x-amzn-RequestId")
            .or(() -> answer.firstMatchingHeader("x-amz-request-id"))
            .orElse(null);
    if (status >= 300) {
      throw error(
          status,
          bytes,
          answer.firstMatchingHeader("Content-Type").orElse(null),
          requestId,
          answer.firstMatchingHeader("x-amzn-ErrorType").orElse(null),
          serviceId);
    }
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw SdkClientException.create(
          "unreadable answer from "
              + serviceId
              + " (HTTP "
              + status
              + ", "
              + answer.firstMatchingHeader("Content-Type").orElse("no content type")
              + "): "
              + excerpt(bytes),
          e);
    }
  }

  /**
   * An AWS error from the status first: 5xx and 429 stay retryable whatever the body says, any other
   * 4xx is the caller's problem. The code comes from {@code x-amzn-ErrorType} or the JSON body when
   * there is one, else {@code HTTP<status>}.
   */
  static AwsServiceException error(
      int status,
      byte[] body,
      String contentType,
      String requestId,
      String errorType,
      String serviceId) {
    JsonNode json = parseQuietly(body);
    String code =
        errorType != null
            ? errorType
            : firstText(json, "__type", "code", "Code").orElse("HTTP" + status);
    int hash = code.indexOf('#');
    code = hash >= 0 ? code.substring(hash + 1) : code;
    int colon = code.indexOf(':');
    code = colon >= 0 ? code.substring(0, colon) : code;
    String message =
        firstText(json, "Message", "message")
            .orElseGet(
                () ->
                    "HTTP "
                        + status
                        + " from "
                        + serviceId
                        + (body.length == 0
                            ? " with an empty body"
                            : " ("
                                + (contentType == null ? "no content type" : contentType)
                                + "): "
                                + excerpt(body)));
    return AwsServiceException.builder()
        .statusCode(status)
        .requestId(requestId)
        .message(message)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName(serviceId)
                .build())
        .build();
  }

  private static JsonNode parseQuietly(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (JacksonException e) {
      return JSON.createObjectNode();
    }
  }

  private static java.util.Optional<String> firstText(JsonNode json, String... fields) {
    for (String f : fields) {
      JsonNode v = json.path(f);
      if (v.isString() && !v.asString().isBlank()) {
        return java.util.Optional.of(v.asString());
      }
    }
    return java.util.Optional.empty();
  }

  /** The start of a body as one line of text, markup stripped, for a message a person can read. */
  static String excerpt(byte[] body) {
    String text = utf8(body).replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }
}
