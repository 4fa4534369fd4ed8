package io.drautopilot.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --fail-step}: the runbook step whose call the recording endpoint answers with an error, so the service that
 * makes it really receives a failure (an AWS 500 {@code ServiceException}, or the service's health answering 503) and
 * reports it as any failed call. Only calls the recording endpoint answers can fail this way: the data plane
 * (dynalite, s3rver) is real. The stub matches the step's own request (the function and the variable it sets), not
 * every call of the same operation, so the steps before it still succeed.
 */
final class FailedStep {

  /** The step ids the sandbox can fail, and the failing answer to each one's call for the affected table. */
  static final Map<String, Function<ProtectedResources.Table, MappingBuilder>> STEPS = steps();

  private FailedStep() {}

  private static Map<String, Function<ProtectedResources.Table, MappingBuilder>> steps() {
    Map<String, Function<ProtectedResources.Table, MappingBuilder>> steps = new LinkedHashMap<>();
    // restore.cutOverTable: UpdateFunctionConfiguration setting the table variable to the recovered
    // table
    steps.put("cut-over", t -> lambdaUpdate(t, t.tableVariable(), t.table() + "-recovery"));
    // restore.setCircuitBreaker: UpdateFunctionConfiguration setting the breaker variable
    steps.put("open-circuit-breaker", t -> lambdaUpdate(t, t.circuitBreakerVariable(), "OPEN"));
    steps.put("close-circuit-breaker", t -> lambdaUpdate(t, t.circuitBreakerVariable(), "CLOSED"));
    // validation.checkServiceHealth: the service's GraphQL health query
    steps.put(
        "verify-service-health",
        t ->
            post(urlPathEqualTo("/graphql"))
                .withRequestBody(containing("healthCheck"))
                .willReturn(
                    aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"errors\":[{\"message\":\"sandbox --fail-step: service unavailable\"}]}")));
    // restore.failOverDnsRecord (Scenario 1): Route 53 ChangeResourceRecordSets
    steps.put(
        "fail-over-dns",
        t ->
            post(urlPathMatching("/2013-04-01/hostedzone/[^/]+/rrset/?"))
                .willReturn(
                    aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(
                            "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error>"
                                + "<Type>Receiver</Type><Code>InternalFailure</Code><Message>sandbox --fail-step</Message></Error>"
                                + "<RequestId>sandbox-fail-step</RequestId></ErrorResponse>")));
    return java.util.Collections.unmodifiableMap(steps);
  }

  /** The failing answer to the step's call for the table, above every sandbox stub. */
  static MappingBuilder stub(String step, ProtectedResources.Table table) {
    return STEPS.get(step).apply(table).atPriority(1);
  }

  private static MappingBuilder lambdaUpdate(
      ProtectedResources.Table t, String variable, String value) {
    return put(urlPathEqualTo("/2015-03-31/functions/" + t.functions().get(0) + "/configuration"))
        .withRequestBody(matchingJsonPath("$.Environment.Variables." + variable, equalTo(value)))
        .willReturn(awsServiceError());
  }

  private static ResponseDefinitionBuilder awsServiceError() {
    return aResponse()
        .withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", "ServiceException")
        .withHeader("x-amzn-RequestId", "sandbox-fail-step")
        .withBody(
            "{\"Type\":\"Service\",\"message\":\"sandbox --fail-step: the service failed this call\"}");
  }
}
