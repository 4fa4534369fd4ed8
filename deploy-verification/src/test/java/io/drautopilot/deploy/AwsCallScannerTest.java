package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.deploy.fixture.SampleAwsAdapter;
import org.junit.jupiter.api.Test;

class AwsCallScannerTest {

  private final AwsOperations.Derived derived =
      AwsOperations.derive(AwsCallScanner.scan(SampleAwsAdapter.class));

  @Test
  void shouldMapClientPaginatorWaiterAndMethodReferenceCallsToTheirOperations() {
    assertThat(derived.actions())
        .contains(
            "dynamodb:DescribeTable",
            "dynamodb:Scan",
            "dynamodb:ListTables",
            "dynamodb:RestoreTableToPointInTime",
            "lambda:InvokeFunction");
    assertThat(derived.actionsWithCallers().get("dynamodb:DescribeTable"))
        .anyMatch(c -> c.contains("waitUntilTableExists"));
    assertThat(derived.problems()).isEmpty();
  }

  @Test
  void shouldAddWhatIamNeedsBeyondTheOperationForRestores() {
    assertThat(derived.actions())
        .contains("dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:Query");
    assertThat(AwsOperations.ALSO_NEEDS.get("backup:StartRestoreJob")).contains("iam:PassRole");
  }

  @Test
  void shouldNameTheIamActionWhereItDiffersFromTheOperation() {
    assertThat(derived.actions()).contains("lambda:InvokeFunction").doesNotContain("lambda:Invoke");
  }

  @Test
  void shouldIgnoreModelBuildersAndClientHousekeeping() {
    assertThat(derived.actions())
        .allMatch(a -> a.matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"))
        .noneMatch(
            a ->
                a.endsWith(":ServiceName")
                    || a.endsWith(":Close")
                    || a.endsWith(":Waiter")
                    || a.endsWith(":FromS"));
    assertThat(derived.actions())
        .containsExactlyInAnyOrder(
            "dynamodb:DescribeTable",
            "dynamodb:Scan",
            "dynamodb:ListTables",
            "dynamodb:RestoreTableToPointInTime",
            "lambda:InvokeFunction",
            "dynamodb:BatchWriteItem",
            "dynamodb:DeleteItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
            "dynamodb:UpdateItem");
  }

  @Test
  void shouldFindTheUsersOfAHandWrittenSigV4TransportAndAskForTheirOperations() {
    var calls = AwsCallScanner.scan(io.drautopilot.deploy.fixture.SampleSignedTransport.class);
    calls.addAll(AwsCallScanner.scan(io.drautopilot.deploy.fixture.SampleSignedUser.class));
    assertThat(AwsCallScanner.signedRequestSites(calls))
        .containsExactly(io.drautopilot.deploy.fixture.SampleSignedUser.class.getName());
    assertThat(AwsOperations.derive(calls).problems())
        .anyMatch(p -> p.contains("SampleSignedUser") && p.contains("SIGNED_REQUEST_OPERATIONS"));
  }
}
