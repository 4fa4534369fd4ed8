package io.drautopilot.restore.config;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.restore.adapter.aws.BackupRecoveryPoints;
import io.drautopilot.restore.adapter.aws.LogicalSnapshots;
import io.drautopilot.restore.adapter.aws.RegionalClients;
import io.drautopilot.restore.adapter.aws.RestorePointFinder;
import io.drautopilot.restore.adapter.aws.LambdaEnvironmentUpdater;
import io.drautopilot.restore.adapter.kafka.CutOverTableHandler;
import io.drautopilot.restore.adapter.kafka.ExportTableSnapshotHandler;
import io.drautopilot.restore.adapter.kafka.SetCircuitBreakerHandler;
import io.drautopilot.restore.adapter.kafka.ValidationResultsListener;
import io.drautopilot.restore.domain.ValidationVerdicts;
import io.drautopilot.restore.adapter.kafka.FindRestorePointHandler;
import io.drautopilot.restore.adapter.kafka.ImportTableSnapshotHandler;
import io.drautopilot.restore.adapter.kafka.Replies;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Wires the AWS adapters and one command handler per runbook action. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestoreProperties.class)
public class RestoreConfiguration {

  @Bean(destroyMethod = "close")
  RegionalClients<DynamoDbClient> dynamoDbClients(AwsClientFactory aws) {
    return new RegionalClients<>(region -> aws.client(DynamoDbClient.builder(), "dynamodb", region));
  }

  @Bean
  Replies replies(EventMetadataFactory metadata) {
    return new Replies(metadata);
  }

  @Bean
  LogicalSnapshots logicalSnapshots(RegionalClients<DynamoDbClient> dynamo, RestoreProperties properties, Clock clock) {
    return new LogicalSnapshots(dynamo, properties, clock);
  }

  @Bean
  RestorePointFinder restorePointFinder(RegionalClients<DynamoDbClient> dynamo, LogicalSnapshots snapshots,
                                        BackupRecoveryPoints backups) {
    return new RestorePointFinder(dynamo, snapshots, backups);
  }

  @Bean
  BackupRecoveryPoints backupRecoveryPoints() {
    return new BackupRecoveryPoints() {
      @Override
      public java.util.List<io.drautopilot.restore.domain.RestorePointChooser.RecoveryPoint> inVault(String v, String r, String t) {
        return java.util.List.of();
      }

      @Override
      public java.util.List<io.drautopilot.restore.domain.RestorePointChooser.RecoveryPoint> ofResource(String a, String r) {
        return java.util.List.of();
      }
    };
  }

  @Bean(destroyMethod = "close")
  RegionalClients<LambdaClient> lambdaClients(AwsClientFactory aws) {
    return new RegionalClients<>(region -> aws.client(LambdaClient.builder(), "lambda", region));
  }

  @Bean
  LambdaEnvironmentUpdater lambdaEnvironmentUpdater(RegionalClients<LambdaClient> lambda, RestoreProperties p) {
    return new LambdaEnvironmentUpdater(lambda, p.getWait().getPollInterval(), p.getWait().getTimeout());
  }

  @Bean
  ValidationVerdicts validationVerdicts() {
    return new ValidationVerdicts();
  }

  @Bean
  ValidationResultsListener validationResultsListener(ValidationVerdicts verdicts) {
    return new ValidationResultsListener(verdicts);
  }

  @Bean
  SetCircuitBreakerHandler setCircuitBreakerHandler(LambdaEnvironmentUpdater lambda, Replies replies) {
    return new SetCircuitBreakerHandler(lambda, replies);
  }

  @Bean
  CutOverTableHandler cutOverTableHandler(ValidationVerdicts verdicts, LambdaEnvironmentUpdater lambda,
                                          RestoreProperties p, Replies replies) {
    return new CutOverTableHandler(verdicts, lambda, p.getValidation().getWaitForResult(), replies);
  }

  @Bean
  ExportTableSnapshotHandler exportTableSnapshotHandler(LogicalSnapshots snapshots, Replies replies) {
    return new ExportTableSnapshotHandler(snapshots, replies);
  }

  @Bean
  ImportTableSnapshotHandler importTableSnapshotHandler(LogicalSnapshots snapshots, Replies replies) {
    return new ImportTableSnapshotHandler(snapshots, replies);
  }

  @Bean
  FindRestorePointHandler findRestorePointHandler(RestorePointFinder finder, Replies replies) {
    return new FindRestorePointHandler(finder, replies);
  }
}
