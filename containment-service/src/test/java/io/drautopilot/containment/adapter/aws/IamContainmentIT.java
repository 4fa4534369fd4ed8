package io.drautopilot.containment.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.containment.AccessKeyState;
import io.drautopilot.contracts.containment.AccessKeysDeactivated;
import io.drautopilot.contracts.containment.PrincipalContained;
import io.drautopilot.contracts.containment.PrincipalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** IAM containment (query protocol, XML) against WireMock with AWS-shaped answers. */
class IamContainmentIT {

  static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
  static final IamClient IAM = AwsStubs.client(IamClient.builder(), "aws-global");

  final PrincipalContainment containment = new PrincipalContainment(IAM);
  final AccessKeyDeactivation keys = new AccessKeyDeactivation(IAM);

  @BeforeEach
  void sandboxStubsOnly() {
    AwsStubs.reset();
  }

  @AfterAll
  static void close() {
    IAM.close();
  }

  @Test
  void shouldAttachTheDenyAllPolicyAndRecordThePoliciesBeforeAndAfter() {
    // given the sandbox user has ReadOnlyAccess only; when
    PrincipalContained contained = containment.contain(PrincipalType.USER, "mallory", DENY_ALL);

    // then
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachUserPolicy&"))
                .withRequestBody(containing("UserName=mallory"))
                .withRequestBody(
                    containing("PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAWSDenyAll")));
    assertThat(contained.getAlreadyContained()).isFalse();
    assertThat(contained.getAttachedPoliciesBefore())
        .containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(contained.getAttachedPoliciesAfter())
        .containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess", DENY_ALL);
  }

  @Test
  void shouldAttachToARoleWithAttachRolePolicy() {
    PrincipalContained contained =
        containment.contain(PrincipalType.ROLE, "tyler-setup-lambda", DENY_ALL);

    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachRolePolicy&"))
                .withRequestBody(containing("RoleName=tyler-setup-lambda")));
    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachUserPolicy&")));
    assertThat(contained.getAttachedPoliciesAfter()).contains(DENY_ALL);
  }

  @Test
  void shouldNotAttachAgainWhenThePolicyIsAlreadyAttached() {
    // given an earlier attempt already attached it
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=ListAttachedUserPolicies&"))
                .willReturn(AwsStubs.xml(attached("ListAttachedUserPolicies", DENY_ALL))));

    PrincipalContained contained = containment.contain(PrincipalType.USER, "mallory", DENY_ALL);

    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachUserPolicy&")));
    assertThat(contained.getAlreadyContained()).isTrue();
    assertThat(contained.getAttachedPoliciesBefore()).containsExactly(DENY_ALL);
    assertThat(contained.getAttachedPoliciesAfter()).containsExactly(DENY_ALL);
  }

  @Test
  void shouldTreatEntityAlreadyExistsOnAttachAsContained() {
    // given someone attached it between our look and our call
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=AttachUserPolicy&"))
                .willReturn(
                    AwsStubs.queryError(
                        409, "EntityAlreadyExists", "Policy is already attached", "req-exists-1")));

    PrincipalContained contained = containment.contain(PrincipalType.USER, "mallory", DENY_ALL);

    assertThat(contained.getAlreadyContained()).isTrue();
  }

  @Test
  void shouldTurnAccessDeniedIntoANonRetryableFailureWithTheRequestId() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=AttachUserPolicy&"))
                .willReturn(
                    AwsStubs.queryError(
                        403,
                        "AccessDenied",
                        "User: arn:aws:sts::000000000000:assumed-role/dr-containment/x is not authorized to perform: iam:AttachUserPolicy",
                        "req-denied-1")));

    CommandFailure failure =
        failureOf(() -> containment.contain(PrincipalType.USER, "mallory", DENY_ALL));

    assertThat(failure.getCode()).isEqualTo("AccessDenied");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-denied-1");
  }

  @Test
  void shouldTurnThrottlingIntoARetryableFailure() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=ListAttachedRolePolicies&"))
                .willReturn(
                    AwsStubs.queryError(400, "Throttling", "Rate exceeded", "req-throttled-1")));

    CommandFailure failure =
        failureOf(() -> containment.contain(PrincipalType.ROLE, "busy", DENY_ALL));

    assertThat(failure.getCode()).isEqualTo("Throttling");
    assertThat(failure.getRetryable()).isTrue();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-throttled-1");
    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachRolePolicy&")));
  }

  @Test
  void shouldDeactivateOnlyActiveKeysAndNeverDeleteAny() {
    // given the sandbox user has one Active and one Inactive key
    AccessKeysDeactivated result = keys.deactivate("COMPROMISED_USER");

    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=UpdateAccessKey&"))
                .withRequestBody(containing("AccessKeyId=AKIAEXAMPLESANDBOX01"))
                .withRequestBody(containing("Status=Inactive")));
    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=DeleteAccessKey")));
    assertThat(result.getDeactivatedCount()).isEqualTo(1);
    assertThat(result.getKeys())
        .extracting(AccessKeyState::getAccessKeyId, AccessKeyState::getStatusBefore)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("AKIAEXAMPLESANDBOX01", "Active"),
            org.assertj.core.groups.Tuple.tuple("AKIAEXAMPLESANDBOX02", "Inactive"));
  }

  @Test
  void shouldRecordTheStatusAfterAsListedByIamOnceDeactivated() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .inScenario("keys")
                .whenScenarioStateIs("updated")
                .withRequestBody(containing("Action=ListAccessKeys&"))
                .willReturn(AwsStubs.xml(accessKeys("Inactive"))));
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .inScenario("keys")
                .withRequestBody(containing("Action=UpdateAccessKey&"))
                .willReturn(
                    AwsStubs.xml(
                        "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>"))
                .willSetStateTo("updated"));

    AccessKeysDeactivated result = keys.deactivate("COMPROMISED_USER");

    assertThat(result.getKeys())
        .allSatisfy(k -> assertThat(k.getStatusAfter()).isEqualTo("Inactive"));
  }

  @Test
  void shouldDoNothingWhenEveryKeyIsAlreadyInactive() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=ListAccessKeys&"))
                .willReturn(AwsStubs.xml(accessKeys("Inactive"))));

    AccessKeysDeactivated result = keys.deactivate("COMPROMISED_USER");

    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=UpdateAccessKey&")));
    assertThat(result.getDeactivatedCount()).isZero();
  }

  @Test
  void shouldTurnANonExistentUserIntoANonRetryableFailure() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=ListAccessKeys&"))
                .willReturn(
                    AwsStubs.queryError(
                        404,
                        "NoSuchEntity",
                        "The user with name ghost cannot be found.",
                        "req-missing-1")));

    CommandFailure failure = failureOf(() -> keys.deactivate("ghost"));

    assertThat(failure.getCode()).isEqualTo("NoSuchEntity");
    assertThat(failure.getRetryable()).isFalse();
  }

  static CommandFailure failureOf(Runnable action) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(action::run).satisfies(t -> thrown[0] = t);
    return AwsFailures.ofAny(thrown[0]);
  }

  static String attached(String op, String... arns) {
    StringBuilder members = new StringBuilder();
    for (String arn : arns) {
      members
          .append("<member><PolicyName>")
          .append(arn.substring(arn.lastIndexOf('/') + 1))
          .append("</PolicyName><PolicyArn>")
          .append(arn)
          .append("</PolicyArn></member>");
    }
    return "<"
        + op
        + "Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><"
        + op
        + "Result><AttachedPolicies>"
        + members
        + "</AttachedPolicies><IsTruncated>false</IsTruncated></"
        + op
        + "Result><ResponseMetadata><RequestId>r</RequestId>"
        + "</ResponseMetadata></"
        + op
        + "Response>";
  }

  static String accessKeys(String status) {
    return "<ListAccessKeysResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListAccessKeysResult><AccessKeyMetadata>"
        + "<member><UserName>COMPROMISED_USER</UserName><AccessKeyId>AKIAEXAMPLESANDBOX01</AccessKeyId><Status>"
        + status
        + "</Status></member><member><UserName>COMPROMISED_USER</UserName><AccessKeyId>AKIAEXAMPLESANDBOX02</AccessKeyId>"
        + "<Status>Inactive</Status></member></AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult>"
        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAccessKeysResponse>";
  }
}
