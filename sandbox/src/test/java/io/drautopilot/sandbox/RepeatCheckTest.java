package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatCheckTest {

  @Test
  void shouldCountWritesOfEveryAwsProtocolAsStateChanging() {
    assertThat(
            RepeatCheck.isStateChangingAwsCall(
                "PUT /2015-03-31/functions/tyler-setup-entities-handler/configuration"))
        .isTrue();
    assertThat(RepeatCheck.isStateChangingAwsCall("query:Publish")).isTrue();
    assertThat(RepeatCheck.isStateChangingAwsCall("query:AttachUserPolicy")).isTrue();
    assertThat(RepeatCheck.isStateChangingAwsCall("DynamoDB_20120810.RestoreTableToPointInTime"))
        .isTrue();
    assertThat(RepeatCheck.isStateChangingAwsCall("POST /2013-04-01/hostedzone/Z1/rrset/"))
        .isTrue();
    assertThat(
            RepeatCheck.isStateChangingAwsCall(
                "POST /service/AnyService/operation/PutScalingPolicy"))
        .isTrue();
  }

  @Test
  void shouldNotCountReadsOrTheSandboxsOwnEndpointsWhenLookingForRepeats() {
    assertThat(RepeatCheck.isStateChangingAwsCall("GET /2015-03-31/functions/f/configuration"))
        .isFalse();
    assertThat(
            RepeatCheck.isStateChangingAwsCall(
                "POST /service/GraniteServiceVersion20100801/operation/GetMetricData"))
        .isFalse();
    assertThat(RepeatCheck.isStateChangingAwsCall("Logs_20140328.FilterLogEvents")).isFalse();
    assertThat(RepeatCheck.isStateChangingAwsCall("query:ListAccessKeys")).isFalse();
    assertThat(RepeatCheck.isStateChangingAwsCall("DynamoDB_20120810.DescribeTable")).isFalse();
    assertThat(RepeatCheck.isStateChangingAwsCall("POST /graphql")).isFalse();
    assertThat(RepeatCheck.isStateChangingAwsCall("POST /hooks/slack/T000/B000/sandbox")).isFalse();
  }
}
