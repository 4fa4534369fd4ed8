package io.drautopilot.restore.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.drautopilot.contracts.restore.AutoScalingConfigured;
import io.drautopilot.contracts.restore.ConfigureAutoScalingCommand;
import io.drautopilot.contracts.restore.DnsRecordFailedOver;
import io.drautopilot.contracts.restore.FailOverDnsRecordCommand;
import io.drautopilot.localstack.SandboxStubs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route 53 failover and Application Auto Scaling through commands, against WireMock. */
class TrafficCommandsIT extends RestoreServiceITBase {

  @BeforeEach
  void sandboxStubsOnly() {
    SandboxStubs.reset();
  }

  @Test
  void shouldUpsertTheRecordToTheRecoveryRegionAndWaitUntilTheChangeIsInSync() {
    SandboxStubs.shared()
        .stubFor(
            get(urlPathMatching("/2013-04-01/change/.+"))
                .atPriority(1)
                .inScenario("change")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("synced")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(
                            "<GetChangeResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeInfo>"
                                + "<Id>/change/C2682N5HXP0BZ4</Id><Status>PENDING</Status><SubmittedAt>2026-01-15T10:31:00.000Z</SubmittedAt>"
                                + "</ChangeInfo></GetChangeResponse>")));

    DnsRecordFailedOver result =
        send(
            FailOverDnsRecordCommand.newBuilder()
                .setMetadata(commandMetadata("inc-dns", "route"))
                .setHostedZoneId("Z1234567890ABC")
                .setRecordName("api.tyler-setup.candlefish.ai")
                .setTargetValue("api-us-west-2.tyler-setup.candlefish.ai")
                .build(),
            DnsRecordFailedOver.class);

    SandboxStubs.shared()
        .verify(
            1,
            postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/Z1234567890ABC/rrset/?"))
                .withRequestBody(containing("<Action>UPSERT</Action>"))
                .withRequestBody(
                    containing("<Value>api-us-west-2.tyler-setup.candlefish.ai</Value>"))
                .withHeader("Authorization", matching(".*/us-east-1/route53/aws4_request.*")));
    SandboxStubs.shared().verify(2, getRequestedFor(urlPathMatching("/2013-04-01/change/.+")));
    assertThat(result.getStatus()).isEqualTo("INSYNC");
    assertThat(result.getChangeId()).contains("C2682N5HXP0BZ4");
    assertThat(result.getPreviousValue()).isEqualTo("api-us-east-1.tyler-setup.candlefish.ai");
  }

  @Test
  void shouldNotChangeARecordThatAlreadyPointsAtTheRecoveryTarget() {
    DnsRecordFailedOver result =
        send(
            FailOverDnsRecordCommand.newBuilder()
                .setMetadata(commandMetadata("inc-dns-again", "route"))
                .setHostedZoneId("Z1234567890ABC")
                .setRecordName("api.tyler-setup.candlefish.ai")
                .setTargetValue("api-us-east-1.tyler-setup.candlefish.ai")
                .build(),
            DnsRecordFailedOver.class);

    SandboxStubs.shared().verify(0, postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.+")));
    assertThat(result.getStatus()).isEqualTo("INSYNC");
    assertThat(result.getChangeId()).isNull();
  }

  @Test
  void shouldRegisterTheTableWithTheSeedsMinAndMaxAndATargetTrackingPolicy() {
    AutoScalingConfigured result =
        send(
            ConfigureAutoScalingCommand.newBuilder()
                .setMetadata(commandMetadata("inc-scale", "autoscale"))
                .setTableName("candlefish-employee-setup-lean-prod-entities")
                .setRegion("us-east-1")
                .setDimensions(
                    List.of(
                        "dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"))
                .build(),
            AutoScalingConfigured.class);

    SandboxStubs.shared()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader(
                    "X-Amz-Target", equalTo("AnyScaleFrontendService.RegisterScalableTarget"))
                .withHeader(
                    "Authorization",
                    matching(".*/us-east-1/application-autoscaling/aws4_request.*"))
                .withRequestBody(
                    matchingJsonPath(
                        "$.ResourceId",
                        equalTo("table/candlefish-employee-setup-lean-prod-entities")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.ScalableDimension", equalTo("dynamodb:table:ReadCapacityUnits")))
                .withRequestBody(matchingJsonPath("$[?(@.MinCapacity == 5)]"))
                .withRequestBody(matchingJsonPath("$[?(@.MaxCapacity == 1000)]")));
    SandboxStubs.shared()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AnyScaleFrontendService.PutScalingPolicy"))
                .withRequestBody(matchingJsonPath("$.PolicyType", equalTo("TargetTrackingScaling")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
                        equalTo("DynamoDBWriteCapacityUtilization"))));
    assertThat(result.getResourceId())
        .isEqualTo("table/candlefish-employee-setup-lean-prod-entities");
    assertThat(result.getPolicyNames())
        .containsExactly(
            "candlefish-employee-setup-lean-prod-entities-read-target-tracking",
            "candlefish-employee-setup-lean-prod-entities-write-target-tracking");
  }
}
