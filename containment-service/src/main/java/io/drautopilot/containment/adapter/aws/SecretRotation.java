package io.drautopilot.containment.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.containment.SecretRotated;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * Secrets Manager RotateSecret with a client request token derived from the command, so the new
 * version's id is known in advance: if it already exists the rotation was started and is not started
 * again. Only metadata is read (DescribeSecret); a secret value never is.
 */
public class SecretRotation {

  private final RegionalClients<SecretsManagerClient> secrets;

  public SecretRotation(RegionalClients<SecretsManagerClient> secrets) {
    this.secrets = secrets;
  }

  public SecretRotated rotate(String secretId, String region, String clientRequestToken) {
    SecretsManagerClient client = secrets.forRegion(region);
    DescribeSecretResponse before = client.describeSecret(b -> b.secretId(secretId));
    boolean already = before.versionIdsToStages().containsKey(clientRequestToken);
    String newVersion =
        already
            ? clientRequestToken
            : client
                .rotateSecret(b -> b.secretId(secretId).clientRequestToken(clientRequestToken))
                .versionId();
    DescribeSecretResponse after = client.describeSecret(b -> b.secretId(secretId));
    return SecretRotated.newBuilder()
        .setSecretArn(before.arn())
        .setCurrentVersionBefore(current(before.versionIdsToStages()))
        .setNewVersionId(newVersion)
        .setCurrentVersionAfter(current(after.versionIdsToStages()))
        .setRotationEnabledBefore(Boolean.TRUE.equals(before.rotationEnabled()))
        .setRotationEnabledAfter(Boolean.TRUE.equals(after.rotationEnabled()))
        .setAlreadyRotated(already)
        .build();
  }

  private static String current(Map<String, List<String>> versionStages) {
    return versionStages.entrySet().stream()
        .filter(e -> e.getValue().contains("AWSCURRENT"))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
