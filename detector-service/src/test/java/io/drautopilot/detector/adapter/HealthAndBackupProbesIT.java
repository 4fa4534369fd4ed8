package io.drautopilot.detector.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.adapter.aws.BackupHealthProbe;
import io.drautopilot.detector.adapter.probe.HealthEndpointProbe;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.localstack.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The HTTP health probe and the backup probe against WireMock (AWS Backup) and dynalite (no PITR there). */
class HealthAndBackupProbesIT {

  /** One WireMock per class, its stubs and journal reset before each test (WireMock's own extension). */
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(options().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  final Instant now = Instant.parse("2026-01-15T10:30:00Z");

  HealthEndpointProbe healthProbe() {
    return new HealthEndpointProbe(
        DetectorSettings.bind(
                "dr.detector.probes.health.url",
                "http://127.0.0.1:" + server.getPort() + "/graphql",
                "dr.detector.probes.health.timeout",
                "2s")
            .probes()
            .health());
  }

  @Test
  void shouldPassWhenTheGraphqlHealthCheckIsHealthy() {
    server.stubFor(
        post(urlPathEqualTo("/graphql"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"data\":{\"healthCheck\":{\"status\":\"healthy\",\"database\":{\"entities\":\"healthy\",\"events\":\"healthy\",\"cache\":\"healthy\"}}}}")));

    List<Observation> o = healthProbe().probe(now);

    assertThat(o).singleElement().satisfies(x -> assertThat(x.failing()).isFalse());
  }

  @Test
  void shouldReportADegradedComponentOfTheHealthCheck() {
    server.stubFor(
        post(urlPathEqualTo("/graphql"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"data\":{\"healthCheck\":{\"status\":\"degraded\",\"database\":{\"entities\":\"healthy\",\"events\":\"unhealthy\",\"cache\":\"healthy\"}}}}")));

    Observation o = healthProbe().probe(now).get(0);

    assertThat(o.signal()).isEqualTo("health-degraded");
    assertThat(o.detail()).contains("database.events=unhealthy").doesNotContain("entities");
  }

  @Test
  void shouldReportTheEndpointDownOnAServerError() {
    server.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(503)));

    Observation o = healthProbe().probe(now).get(0);

    assertThat(o.signal()).isEqualTo("health-endpoint-down");
  }

  @Test
  void shouldReportAFailedLastBackupJobAndTreatMissingPitrAsUnknown() {
    Dynalite dynalite = Dynalite.shared("primary");
    dynalite
        .client()
        .createTable(
            b ->
                b.tableName("bk-table")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"))
                    .keySchema(k -> k.attributeName("PK").keyType("HASH")));
    server.stubFor(
        get(urlPathEqualTo("/backup-jobs/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        """
        {"BackupJobs":[
          {"BackupJobId":"old","ResourceArn":"arn:aws:dynamodb:us-east-1:1:table/bk-table","State":"COMPLETED","CreationDate":1767225600.0},
          {"BackupJobId":"new","ResourceArn":"arn:aws:dynamodb:us-east-1:1:table/bk-table","State":"FAILED","CreationDate":1767312000.0},
          {"BackupJobId":"other","ResourceArn":"arn:aws:dynamodb:us-east-1:1:table/other","State":"COMPLETED","CreationDate":1767312000.0}]}""")));
    AwsProperties props = new AwsProperties();
    props.setStaticCredentials(true);
    props.getEndpoints().put("default", "http://127.0.0.1:" + server.getPort());
    props.getEndpoints().put("dynamodb", dynalite.endpoint().toString());
    AwsClientFactory aws = new AwsClientFactory(props);
    DetectorProperties.Target target =
        new DetectorProperties.Target("us-east-1", List.of("bk-table"));

    try (RegionalClients<DynamoDbClient> clients = probeClients(aws)) {
      List<Observation> o =
          new BackupHealthProbe(
                  List.of(target), DetectorSettings.bind().probes().backup(), clients, aws)
              .probe(now);

      assertThat(o)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.signal()).isEqualTo("backup-failed");
                assertThat(x.detail()).contains("new is FAILED");
              });
      server.verify(
          getRequestedFor(urlPathEqualTo("/backup-jobs/"))
              .withHeader(
                  "Authorization",
                  matching(
                      "AWS4-HMAC-SHA256 Credential=sandbox/\\d{8}/us-east-1/backup/aws4_request.*")));
    }
  }

  BackupHealthProbe backupProbe(
      String table,
      io.drautopilot.detector.adapter.probe.ProbeHealth health,
      RegionalClients<DynamoDbClient> clients,
      AwsClientFactory aws) {
    DetectorProperties.Target target = new DetectorProperties.Target("us-east-1", List.of(table));
    return new BackupHealthProbe(
        List.of(target), DetectorSettings.bind().probes().backup(), clients, aws, health);
  }

  static RegionalClients<DynamoDbClient> probeClients(AwsClientFactory aws) {
    return aws.perRegion(
        DynamoDbClient::builder, "dynamodb", AwsClientFactory.singleAttempt(Duration.ofSeconds(2)));
  }

  AwsClientFactory aws(Dynalite dynalite) {
    AwsProperties props = new AwsProperties();
    props.setStaticCredentials(true);
    props.getEndpoints().put("default", "http://127.0.0.1:" + server.getPort());
    props.getEndpoints().put("dynamodb", dynalite.endpoint().toString());
    return new AwsClientFactory(props);
  }

  @Test
  void shouldFindAFailedBackupJobOnTheSecondPageOfListBackupJobs() {
    Dynalite dynalite = Dynalite.shared("primary");
    server.stubFor(
        get(urlPathEqualTo("/backup-jobs/"))
            .withQueryParam("nextToken", com.github.tomakehurst.wiremock.client.WireMock.absent())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        """
        {"BackupJobs":[
          {"BackupJobId":"other-1","ResourceArn":"arn:aws:dynamodb:us-east-1:1:table/other","State":"COMPLETED","CreationDate":1767312000.0},
          {"BackupJobId":"old","ResourceArn":"arn:aws:dynamodb:us-east-1:1:table/bk-paged","State":"COMPLETED","CreationDate":1767225600.0}],
         "NextToken":"page-2"}""")));
    server.stubFor(
        get(urlPathEqualTo("/backup-jobs/"))
            .withQueryParam(
                "nextToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo("page-2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        """
        {"BackupJobs":[
          {"BackupJobId":"new","ResourceArn":"arn:aws:dynamodb:us-east-1:1:table/bk-paged","State":"FAILED","CreationDate":1767312000.0}]}""")));
    AwsClientFactory aws = aws(dynalite);

    try (RegionalClients<DynamoDbClient> clients = probeClients(aws)) {
      List<Observation> o =
          backupProbe(
                  "bk-paged",
                  io.drautopilot.detector.adapter.probe.ProbeHealth.untracked(),
                  clients,
                  aws)
              .probe(now);

      assertThat(o)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.signal()).isEqualTo("backup-failed");
                assertThat(x.detail()).contains("new is FAILED");
              });
      server.verify(
          2,
          getRequestedFor(urlPathEqualTo("/backup-jobs/"))
              .withQueryParam(
                  "createdAfter",
                  com.github.tomakehurst.wiremock.client.WireMock.equalTo("2026-01-08T10:30:00Z")));
    }
  }

  @Test
  void shouldCountAFailingListBackupJobsAsABlindProbeNotAPassingOne() {
    Dynalite dynalite = Dynalite.shared("primary");
    server.stubFor(
        get(urlPathEqualTo("/backup-jobs/"))
            .willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));
    AwsClientFactory aws = aws(dynalite);
    io.drautopilot.detector.domain.MutableClock clock =
        new io.drautopilot.detector.domain.MutableClock(now);
    io.drautopilot.detector.adapter.probe.ProbeHealth health =
        new io.drautopilot.detector.adapter.probe.ProbeHealth(clock, Duration.ZERO, null);

    try (RegionalClients<DynamoDbClient> clients = probeClients(aws)) {
      List<Observation> o = backupProbe("bk-blind", health, clients, aws).probe(now);

      assertThat(o).isEmpty();
      assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
      assertThat(health.health().getDetails().get("backup-health/us-east-1").toString())
          .contains("HTTP 503");
    }
  }
}
