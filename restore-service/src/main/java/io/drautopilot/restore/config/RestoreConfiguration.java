package io.drautopilot.restore.config;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.readiness.RecoveryFloors;
import io.drautopilot.restore.adapter.aws.AutoScalingConfigurer;
import io.drautopilot.restore.adapter.aws.AwsBackupApi;
import io.drautopilot.restore.adapter.aws.BackupRestorer;
import io.drautopilot.restore.adapter.aws.DnsFailover;
import io.drautopilot.restore.adapter.aws.LambdaEnvironmentUpdater;
import io.drautopilot.restore.adapter.aws.LogicalSnapshots;
import io.drautopilot.restore.adapter.aws.PointInTimeRestorer;
import io.drautopilot.restore.adapter.aws.RestorePointFinder;
import io.drautopilot.restore.adapter.aws.ScratchTableDeleter;
import io.drautopilot.restore.adapter.aws.SignedJsonClient;
import io.drautopilot.restore.adapter.aws.TableSizes;
import io.drautopilot.restore.adapter.cache.CacheWarmer;
import io.drautopilot.restore.adapter.cache.HttpCache;
import io.drautopilot.restore.adapter.cache.RedisCache;
import io.drautopilot.restore.adapter.kafka.ChooseRecoveryPathHandler;
import io.drautopilot.restore.adapter.kafka.ConfigureAutoScalingHandler;
import io.drautopilot.restore.adapter.kafka.CutOverTableHandler;
import io.drautopilot.restore.adapter.kafka.DeleteScratchTableHandler;
import io.drautopilot.restore.adapter.kafka.ExportTableSnapshotHandler;
import io.drautopilot.restore.adapter.kafka.FailOverDnsRecordHandler;
import io.drautopilot.restore.adapter.kafka.FindRestorePointHandler;
import io.drautopilot.restore.adapter.kafka.ImportTableSnapshotHandler;
import io.drautopilot.restore.adapter.kafka.ReadinessAssessmentsListener;
import io.drautopilot.restore.adapter.kafka.RestoreFromBackupHandler;
import io.drautopilot.restore.adapter.kafka.RestoreTableToPointInTimeHandler;
import io.drautopilot.restore.adapter.kafka.SetCircuitBreakerHandler;
import io.drautopilot.restore.adapter.kafka.ValidationResultsListener;
import io.drautopilot.restore.adapter.kafka.WarmCacheHandler;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.LatestForecasts;
import io.drautopilot.restore.domain.ScratchTablePolicy;
import io.drautopilot.restore.domain.ValidationVerdicts;
import io.drautopilot.snapshots.SnapshotS3Clients;
import io.drautopilot.snapshots.SnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;

/** Wires the AWS adapters and one command handler per runbook action. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestoreProperties.class)
public class RestoreConfiguration {

  @Bean(destroyMethod = "close")
  RegionalClients<DynamoDbClient> dynamoDbClients(AwsClientFactory aws) {
    return new RegionalClients<>(
        region -> aws.client(DynamoDbClient.builder(), "dynamodb", region));
  }

  @Bean
  LogicalSnapshots logicalSnapshots(
      RegionalClients<DynamoDbClient> dynamo,
      SnapshotStore snapshotStore,
      RestoreProperties properties,
      Clock clock,
      org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters) {
    return new LogicalSnapshots(
        dynamo,
        snapshotStore,
        properties,
        clock,
        meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
  }

  /** Snapshot locations: directories, or s3:// with one cross-region S3 client made on first use. */
  @Bean
  SnapshotStore snapshotStore(AwsClientFactory aws) {
    return new SnapshotStore(() -> SnapshotS3Clients.create(aws, null));
  }

  @Bean
  RestorePointFinder restorePointFinder(
      RegionalClients<DynamoDbClient> dynamo, LogicalSnapshots snapshots, AwsBackupApi backups) {
    return new RestorePointFinder(dynamo, snapshots, backups);
  }

  @Bean(destroyMethod = "close")
  SignedJsonClient signedJsonClient(AwsClientFactory aws) {
    return new SignedJsonClient(aws.properties());
  }

  @Bean
  AwsBackupApi awsBackupApi(SignedJsonClient client) {
    return new AwsBackupApi(client);
  }

  @Bean
  PointInTimeRestorer pointInTimeRestorer(
      RegionalClients<DynamoDbClient> dynamo, RestoreProperties p) {
    return new PointInTimeRestorer(dynamo, p.waits().pollInterval(), p.waits().timeout());
  }

  @Bean
  BackupRestorer backupRestorer(
      AwsBackupApi backup, RegionalClients<DynamoDbClient> dynamo, RestoreProperties p) {
    return new BackupRestorer(backup, dynamo, p.waits().pollInterval(), p.waits().timeout());
  }

  @Bean(destroyMethod = "close")
  Route53Client route53Client(AwsClientFactory aws) {
    // Route 53 is global: its API lives in us-east-1 and requests are signed for it
    return aws.client(Route53Client.builder(), "route53", "us-east-1");
  }

  @Bean
  DnsFailover dnsFailover(Route53Client route53, RestoreProperties p) {
    return new DnsFailover(route53, p.waits().pollInterval(), p.waits().timeout());
  }

  @Bean
  AutoScalingConfigurer autoScalingConfigurer(SignedJsonClient client) {
    return new AutoScalingConfigurer(client);
  }

  @Bean
  FailOverDnsRecordHandler failOverDnsRecordHandler(DnsFailover dns) {
    return new FailOverDnsRecordHandler(dns);
  }

  @Bean
  ConfigureAutoScalingHandler configureAutoScalingHandler(AutoScalingConfigurer autoScaling) {
    return new ConfigureAutoScalingHandler(autoScaling);
  }

  @Bean
  RestoreTableToPointInTimeHandler restoreTableToPointInTimeHandler(PointInTimeRestorer restorer) {
    return new RestoreTableToPointInTimeHandler(restorer);
  }

  @Bean
  RestoreFromBackupHandler restoreFromBackupHandler(BackupRestorer restorer) {
    return new RestoreFromBackupHandler(restorer);
  }

  @Bean(destroyMethod = "close")
  RegionalClients<LambdaClient> lambdaClients(AwsClientFactory aws) {
    return new RegionalClients<>(region -> aws.client(LambdaClient.builder(), "lambda", region));
  }

  @Bean
  LambdaEnvironmentUpdater lambdaEnvironmentUpdater(
      RegionalClients<LambdaClient> lambda, RestoreProperties p) {
    return new LambdaEnvironmentUpdater(lambda, p.waits().pollInterval(), p.waits().timeout());
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
  SetCircuitBreakerHandler setCircuitBreakerHandler(LambdaEnvironmentUpdater lambda) {
    return new SetCircuitBreakerHandler(lambda);
  }

  @Bean
  CutOverTableHandler cutOverTableHandler(
      ValidationVerdicts verdicts, LambdaEnvironmentUpdater lambda, RestoreProperties p) {
    return new CutOverTableHandler(verdicts, lambda, p.validation().waitForResult());
  }

  @Bean
  ScratchTableDeleter scratchTableDeleter(
      RegionalClients<DynamoDbClient> dynamo, RestoreProperties p) {
    return new ScratchTableDeleter(
        dynamo,
        new ScratchTablePolicy(p.scratchTablePrefixes()),
        p.waits().pollInterval(),
        p.waits().timeout());
  }

  @Bean
  DeleteScratchTableHandler deleteScratchTableHandler(ScratchTableDeleter deleter) {
    return new DeleteScratchTableHandler(deleter);
  }

  @Bean
  ExportTableSnapshotHandler exportTableSnapshotHandler(LogicalSnapshots snapshots) {
    return new ExportTableSnapshotHandler(snapshots);
  }

  @Bean
  ImportTableSnapshotHandler importTableSnapshotHandler(LogicalSnapshots snapshots) {
    return new ImportTableSnapshotHandler(snapshots);
  }

  @Bean
  FindRestorePointHandler findRestorePointHandler(RestorePointFinder finder) {
    return new FindRestorePointHandler(finder);
  }

  @Bean
  LatestForecasts latestForecasts() {
    return new LatestForecasts();
  }

  @Bean
  ReadinessAssessmentsListener readinessAssessmentsListener(LatestForecasts forecasts) {
    return new ReadinessAssessmentsListener(forecasts);
  }

  @Bean
  ChooseRecoveryPathHandler chooseRecoveryPathHandler(
      RestorePointFinder finder,
      LatestForecasts forecasts,
      RegionalClients<DynamoDbClient> dynamo) {
    return new ChooseRecoveryPathHandler(
        finder, forecasts, new TableSizes(dynamo), RecoveryFloors.AWS_DOCUMENTED);
  }

  @Bean
  HttpCache httpCache(RestoreProperties p) {
    RestoreProperties.Cache c = p.cache();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(c.connectTimeout())
            .build();
    return new HttpCache(http, c.requestTimeout(), cacheBackoff(c));
  }

  @Bean(destroyMethod = "close")
  RedisCache redisCache(RestoreProperties p) {
    RestoreProperties.Cache c = p.cache();
    return new RedisCache(
        c.redis().username(),
        c.redis().password(),
        c.connectTimeout(),
        c.requestTimeout(),
        cacheBackoff(c));
  }

  @Bean
  CacheWarmer cacheWarmer(
      RegionalClients<DynamoDbClient> dynamo,
      HttpCache httpCache,
      RedisCache redisCache,
      RestoreProperties p) {
    RestoreProperties.Cache c = p.cache();
    return new CacheWarmer(
        dynamo,
        List.of(httpCache, redisCache),
        new CacheWarmer.Options(
            c.ttl(), c.entityTypes(), c.scanSegments(), c.scanPageSize(), c.maxConcurrency()));
  }

  private static Backoff cacheBackoff(RestoreProperties.Cache c) {
    return new Backoff(c.putBaseDelay(), c.putMaxDelay(), c.putMaxAttempts());
  }

  @Bean
  WarmCacheHandler warmCacheHandler(CacheWarmer warmer) {
    return new WarmCacheHandler(warmer);
  }
}
