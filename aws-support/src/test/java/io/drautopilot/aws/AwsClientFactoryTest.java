package io.drautopilot.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class AwsClientFactoryTest {

  final AtomicInteger requests = new AtomicInteger();
  final CountDownLatch released = new CountDownLatch(1);
  volatile boolean hang;
  HttpServer server;
  AwsClientFactory aws;

  @BeforeEach
  void startServerAnsweringInternalServerError() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          if (hang) {
            try {
              released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body =
              "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"down\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    AwsProperties properties = new AwsProperties();
    properties.setStaticCredentials(true);
    properties.getEndpoints().put("default", "http://127.0.0.1:" + server.getAddress().getPort());
    aws = new AwsClientFactory(properties);
  }

  @AfterEach
  void stopServer() {
    released.countDown();
    server.stop(0);
  }

  @Test
  void shouldCallTheDefaultRegionAndItsEndpointWhenTheRegionIsNullOrBlank() {
    AwsProperties properties = new AwsProperties();
    properties.setStaticCredentials(true);
    properties.setRegion("us-west-2");
    properties.getEndpoints().put("dynamodb.us-west-2", "http://127.0.0.1:8001");
    properties.getEndpoints().put("dynamodb", "http://127.0.0.1:8000");
    AwsClientFactory factory = new AwsClientFactory(properties);

    try (DynamoDbClient blank = factory.client(DynamoDbClient.builder(), "dynamodb", "  ");
        DynamoDbClient none = factory.client(DynamoDbClient.builder(), "dynamodb", null);
        DynamoDbClient named = factory.client(DynamoDbClient.builder(), "dynamodb", "eu-west-1")) {

      assertThat(blank.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
      assertThat(blank.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:8001"));
      assertThat(none.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
      assertThat(named.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
      assertThat(named.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:8000"));
    }
  }

  @Test
  void shouldRetryAServerErrorByDefault() {
    try (DynamoDbClient client = aws.client(DynamoDbClient.builder(), "dynamodb", "us-east-1")) {

      assertThatThrownBy(client::listTables).isInstanceOf(DynamoDbException.class);

      assertThat(requests.get()).isGreaterThan(1);
    }
  }

  @Test
  void shouldMakeOneAttemptWhenTheCustomizerIsSingleAttempt() {
    try (RegionalClients<DynamoDbClient> clients =
        aws.perRegion(
            DynamoDbClient::builder,
            "dynamodb",
            AwsClientFactory.singleAttempt(Duration.ofSeconds(2)))) {

      assertThatThrownBy(() -> clients.forRegion("us-east-1").listTables())
          .isInstanceOf(DynamoDbException.class)
          .hasMessageContaining("down");

      assertThat(requests.get()).isEqualTo(1);
    }
  }

  @Test
  void shouldGiveUpAfterTheTimeoutWhenTheCustomizerIsSingleAttempt() {
    hang = true;
    try (RegionalClients<DynamoDbClient> clients =
        aws.perRegion(
            DynamoDbClient::builder,
            "dynamodb",
            AwsClientFactory.singleAttempt(Duration.ofMillis(300)))) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> clients.forRegion("us-east-1").listTables())
          .isInstanceOf(SdkClientException.class);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(requests.get()).isEqualTo(1);
    }
  }

  @Test
  void shouldBuildOneClientPerRegionWithTheRegionAskedForOrTheDefault() {
    aws.properties().setRegion("us-west-2");
    try (RegionalClients<DynamoDbClient> clients =
        aws.perRegion(DynamoDbClient::builder, "dynamodb", c -> {})) {

      assertThat(clients.forRegion("eu-west-1").serviceClientConfiguration().region())
          .isEqualTo(Region.EU_WEST_1);
      assertThat(clients.forRegion("").serviceClientConfiguration().region())
          .isEqualTo(Region.US_WEST_2);
      assertThat(clients.forRegion(null)).isSameAs(clients.forRegion(" "));
    }
  }
}
