package io.drautopilot.restore.adapter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drautopilot.aws.AwsProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A minimal SigV4-signed JSON client for the two AWS APIs whose SDK v2 modules (backup,
 * applicationautoscaling) the project's package registry does not serve. Same endpoint overrides and
 * credentials as {@code AwsClientFactory} ({@code dr.aws.*}); errors become {@link AwsServiceException}
 * with the AWS error code and request id, so {@code AwsFailures} types them like SDK errors.
 */
public class SignedJsonClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsProperties properties;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public SignedJsonClient(AwsProperties properties) {
    this.properties = properties;
    this.credentials = properties.isStaticCredentials()
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"))
        : DefaultCredentialsProvider.builder().build();
    this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(60)).build();
  }

  /**
   * @param serviceId the endpoint id ({@code dr.aws.endpoints.<id>}) and host prefix, e.g. backup
   * @param signingName the SigV4 service name, e.g. backup, application-autoscaling
   * @param headers extra headers, e.g. X-Amz-Target for the JSON 1.1 protocol
   */
  public JsonNode call(String serviceId, String signingName, String region, SdkHttpMethod method, String path,
                       Map<String, String> query, Map<String, String> headers, Object body) {
    String effectiveRegion = region != null ? region : properties.getRegion() != null ? properties.getRegion() : "us-east-1";
    URI endpoint = properties.endpointFor(serviceId, effectiveRegion);
    if (endpoint == null) {
      endpoint = URI.create("https://" + serviceId + "." + effectiveRegion + ".amazonaws.com");
    }
    byte[] payload;
    try {
      payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(endpoint).encodedPath(path).method(method);
    query.forEach(request::putRawQueryParameter);
    headers.forEach(request::putHeader);
    if (body != null) {
      request.putHeader("Content-Type", headers.getOrDefault("Content-Type", "application/json"));
    }
    SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveIdentity().join())
        .request(request.build()).payload(ContentStreamProvider.fromByteArray(payload))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
        .putProperty(AwsV4HttpSigner.REGION_NAME, effectiveRegion));
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
          .contentStreamProvider(body == null ? null : ContentStreamProvider.fromByteArray(payload)).build()).call();
      byte[] bytes;
      try (InputStream in = response.responseBody().map(s -> (InputStream) s)
          .orElseGet(() -> new ByteArrayInputStream(new byte[0]))) {
        bytes = in.readAllBytes();
      }
      JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      int status = response.httpResponse().statusCode();
      if (status >= 300) {
        throw error(status, json, response.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null),
            response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null), serviceId);
      }
      return json;
    } catch (IOException e) {
      throw software.amazon.awssdk.core.exception.SdkClientException.create(
          "cannot call " + serviceId + " at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  private static AwsServiceException error(int status, JsonNode json, String requestId, String errorType,
                                           String serviceId) {
    String code = errorType != null ? errorType : json.path("__type").asText(json.path("Code").asText("HTTP" + status));
    int hash = code.indexOf('#');
    code = hash >= 0 ? code.substring(hash + 1) : code;
    int colon = code.indexOf(':');
    code = colon >= 0 ? code.substring(0, colon) : code;
    String message = json.path("Message").asText(json.path("message").asText(code));
    return AwsServiceException.builder().statusCode(status).requestId(requestId).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(serviceId).build())
        .build();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }
}
