package io.drautopilot.containment.config;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.containment.adapter.aws.AccessKeyDeactivation;
import io.drautopilot.containment.adapter.aws.AuditEventExport;
import io.drautopilot.containment.adapter.aws.FlowLogsEnabler;
import io.drautopilot.containment.adapter.aws.KeyDeletionScheduler;
import io.drautopilot.containment.adapter.aws.PrincipalContainment;
import io.drautopilot.containment.adapter.aws.S3EvidenceStore;
import io.drautopilot.containment.adapter.aws.SecretRotation;
import io.drautopilot.containment.adapter.file.DirectoryEvidenceStore;
import io.drautopilot.containment.adapter.kafka.ContainPrincipalHandler;
import io.drautopilot.containment.adapter.kafka.DeactivateAccessKeysHandler;
import io.drautopilot.containment.adapter.kafka.EnableVpcFlowLogsHandler;
import io.drautopilot.containment.adapter.kafka.ExportAuditEventsHandler;
import io.drautopilot.containment.adapter.kafka.RotateSecretHandler;
import io.drautopilot.containment.adapter.kafka.ScheduleKeyDeletionHandler;
import io.drautopilot.containment.domain.EvidenceStore;
import io.drautopilot.containment.domain.KeyDeletionPolicy;
import io.drautopilot.containment.domain.ProtectList;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Wires the AWS adapters, the safety rails and one command handler per containment action. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContainmentProperties.class)
public class ContainmentConfiguration {

  @Bean
  ProtectList protectList(ContainmentProperties p) {
    return new ProtectList(p.protectedPrincipals());
  }

  /** Fails start-up on a configuration weaker than the two-person rule or the 7-day window. */
  @Bean
  KeyDeletionPolicy keyDeletionPolicy(ContainmentProperties p) {
    return new KeyDeletionPolicy(
        p.keyDeletion().requiredApprovers(), p.keyDeletion().minimumPendingDays());
  }

  @Bean(destroyMethod = "close")
  IamClient iamClient(AwsClientFactory aws) {
    // IAM is global: one endpoint, requests signed for us-east-1.
    return aws.client(IamClient.builder(), "iam", "aws-global");
  }

  @Bean(destroyMethod = "close")
  RegionalClients<Ec2Client> ec2Clients(AwsClientFactory aws) {
    return new RegionalClients<>(region -> aws.client(Ec2Client.builder(), "ec2", region));
  }

  @Bean(destroyMethod = "close")
  RegionalClients<CloudWatchLogsClient> logsClients(AwsClientFactory aws) {
    return new RegionalClients<>(
        region -> aws.client(CloudWatchLogsClient.builder(), "logs", region));
  }

  @Bean(destroyMethod = "close")
  RegionalClients<SecretsManagerClient> secretsManagerClients(AwsClientFactory aws) {
    return new RegionalClients<>(
        region -> aws.client(SecretsManagerClient.builder(), "secretsmanager", region));
  }

  @Bean(destroyMethod = "close")
  RegionalClients<KmsClient> kmsClients(AwsClientFactory aws) {
    return new RegionalClients<>(region -> aws.client(KmsClient.builder(), "kms", region));
  }

  @Bean(destroyMethod = "close")
  RegionalClients<S3Client> s3Clients(AwsClientFactory aws) {
    // Path-style so an endpoint override (LocalStack, the sandbox) needs no bucket DNS names.
    return new RegionalClients<>(
        region -> aws.client(S3Client.builder().forcePathStyle(true), "s3", region));
  }

  /** Evidence store by location: the configured one for null, else the command's own destination. */
  @Bean
  Function<String, EvidenceStore> evidenceStores(
      ContainmentProperties p, RegionalClients<S3Client> s3) {
    Map<String, EvidenceStore> stores = new ConcurrentHashMap<>();
    return destination ->
        stores.computeIfAbsent(
            destination == null || destination.isBlank() ? p.evidenceLocation() : destination,
            location ->
                location.startsWith("s3://")
                    ? new S3EvidenceStore(s3.forRegion(p.evidenceRegion()), URI.create(location))
                    : new DirectoryEvidenceStore(Path.of(location)));
  }

  @Bean
  PrincipalContainment principalContainment(IamClient iam) {
    return new PrincipalContainment(iam);
  }

  @Bean
  AccessKeyDeactivation accessKeyDeactivation(IamClient iam) {
    return new AccessKeyDeactivation(iam);
  }

  @Bean
  FlowLogsEnabler flowLogsEnabler(RegionalClients<Ec2Client> ec2) {
    return new FlowLogsEnabler(ec2);
  }

  @Bean
  AuditEventExport auditEventExport(
      RegionalClients<CloudWatchLogsClient> logs,
      Function<String, EvidenceStore> stores,
      ContainmentProperties p) {
    return new AuditEventExport(
        logs,
        stores,
        new io.drautopilot.containment.domain.AuditWindow(
            p.auditExport().minimumWindow(), p.auditExport().maximumWindow()),
        p.auditExport().maxPages());
  }

  @Bean
  SecretRotation secretRotation(RegionalClients<SecretsManagerClient> secrets) {
    return new SecretRotation(secrets);
  }

  @Bean
  KeyDeletionScheduler keyDeletionScheduler(RegionalClients<KmsClient> kms) {
    return new KeyDeletionScheduler(kms);
  }

  @Bean
  ContainPrincipalHandler containPrincipalHandler(
      PrincipalContainment iam, ProtectList protectList) {
    return new ContainPrincipalHandler(iam, protectList);
  }

  @Bean
  DeactivateAccessKeysHandler deactivateAccessKeysHandler(
      AccessKeyDeactivation iam, ProtectList protectList) {
    return new DeactivateAccessKeysHandler(iam, protectList);
  }

  @Bean
  EnableVpcFlowLogsHandler enableVpcFlowLogsHandler(FlowLogsEnabler ec2) {
    return new EnableVpcFlowLogsHandler(ec2);
  }

  @Bean
  ExportAuditEventsHandler exportAuditEventsHandler(AuditEventExport export) {
    return new ExportAuditEventsHandler(export);
  }

  @Bean
  RotateSecretHandler rotateSecretHandler(SecretRotation secrets) {
    return new RotateSecretHandler(secrets);
  }

  @Bean
  ScheduleKeyDeletionHandler scheduleKeyDeletionHandler(
      KeyDeletionScheduler kms, KeyDeletionPolicy policy) {
    return new ScheduleKeyDeletionHandler(kms, policy);
  }
}
