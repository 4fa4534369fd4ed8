package io.drautopilot.validation.config;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.snapshots.SnapshotS3Clients;
import io.drautopilot.snapshots.SnapshotStore;
import io.drautopilot.validation.adapter.aws.AwsDataSources;
import io.drautopilot.validation.adapter.aws.LambdaFunctionReadiness;
import io.drautopilot.validation.adapter.http.GraphQlHealthCheck;
import io.drautopilot.validation.domain.BackupVerifier;
import io.drautopilot.validation.domain.HealthVerdict;
import io.drautopilot.validation.domain.KeyElement;
import io.drautopilot.validation.domain.LoadRunner;
import io.drautopilot.validation.domain.TableComparator;
import io.drautopilot.validation.domain.TableValidator;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the decisions to their adapters from {@code dr.validation.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ValidationProperties.class)
public class ValidationConfiguration {

  @Bean(destroyMethod = "close")
  RegionalClients<DynamoDbClient> dynamoDbClients(AwsClientFactory factory) {
    return new RegionalClients<>(
        region -> factory.client(DynamoDbClient.builder(), "dynamodb", region));
  }

  @Bean(destroyMethod = "close")
  RegionalClients<LambdaClient> lambdaClients(AwsClientFactory factory) {
    return new RegionalClients<>(
        region -> factory.client(LambdaClient.builder(), "lambda", region));
  }

  @Bean
  LambdaFunctionReadiness lambdaFunctionReadiness(RegionalClients<LambdaClient> lambdaClients) {
    return new LambdaFunctionReadiness(lambdaClients);
  }

  @Bean
  AwsDataSources dataSources(
      RegionalClients<DynamoDbClient> clients, ValidationProperties p, AwsClientFactory factory) {
    // snapshot locations: directories, or s3:// with one cross-region S3 client made on first use
    SnapshotStore snapshots = new SnapshotStore(() -> SnapshotS3Clients.create(factory, null));
    return new AwsDataSources(clients, p.scanPageSize(), JsonMapper.shared(), snapshots);
  }

  @Bean
  RuleSets ruleSets(ValidationProperties p) {
    return new RuleSets(p.ruleSets());
  }

  @Bean
  ExpectedKeySchema expectedKeySchema(ValidationProperties p) {
    return new ExpectedKeySchema(
        p.expectedKeySchema().entrySet().stream()
            .map(e -> new KeyElement(e.getKey(), e.getValue()))
            .toList());
  }

  @Bean
  TableValidator tableValidator(Clock clock, ValidationProperties p) {
    return new TableValidator(clock, p.failOnEmptyTable());
  }

  @Bean
  TableComparator tableComparator(Clock clock, ValidationProperties p) {
    return new TableComparator(clock, p.compare().buckets(), p.compare().maxRescanItems());
  }

  @Bean
  BackupVerifier backupVerifier(
      TableValidator validator, TableComparator comparator, ValidationProperties p) {
    return new BackupVerifier(validator, comparator, p.backup().requireExactMatch());
  }

  @Bean
  LoadRunner loadRunner() {
    return new LoadRunner();
  }

  @Bean
  HttpClient validationHttpClient(ValidationProperties p) {
    return HttpClient.newBuilder()
        .connectTimeout(p.health().connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Bean
  GraphQlHealthCheck graphQlHealthCheck(
      HttpClient validationHttpClient, ValidationProperties p, Clock clock) {
    return new GraphQlHealthCheck(
        validationHttpClient,
        JsonMapper.shared(),
        new HealthVerdict(Set.copyOf(p.health().healthyStatuses())),
        p.health().query(),
        clock);
  }

  /** The key schema every validated table must have. */
  public record ExpectedKeySchema(List<KeyElement> elements) {}
}
