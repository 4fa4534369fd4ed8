package io.drautopilot.deploy;

import static io.drautopilot.deploy.Yamls.at;
import static io.drautopilot.deploy.Yamls.kind;
import static io.drautopilot.deploy.Yamls.list;
import static io.drautopilot.deploy.Yamls.map;
import static io.drautopilot.deploy.Yamls.name;
import static io.drautopilot.deploy.Yamls.string;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.Topics.TopicSpec;
import io.drautopilot.deploy.DrServices.DrService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every rendered Kubernetes manifest set must satisfy. Each check returns the violations it
 * finds (empty when the manifests are right), so a test can show all of them at once.
 */
final class ManifestChecks {

  static final String LIVENESS = "/actuator/health/liveness";
  static final String READINESS = "/actuator/health/readiness";
  static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern SECRET_LIKE =
      Pattern.compile(
          "(?i).*(password|secret|token|credential|private.?key|access.?key|routing.?key|webhook.?url).*");
  private static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod");

  private ManifestChecks() {}

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(kind(d))).toList();
  }

  private static Map<String, Object> podSpec(Map<String, Object> workload) {
    return switch (kind(workload)) {
      case "Pod" -> map(workload, "spec");
      case "CronJob" -> map(workload, "spec.jobTemplate.spec.template.spec");
      default -> map(workload, "spec.template.spec");
    };
  }

  private static Map<String, Object> podLabels(Map<String, Object> workload) {
    return "Pod".equals(kind(workload))
        ? map(workload, "metadata.labels")
        : map(workload, "spec.template.metadata.labels");
  }

  /** Probes on actuator, requests and limits, and a non-root, read-only, capability-free container on every workload. */
  static List<String> workloads(List<Map<String, Object>> docs) {
    List<String> violations = new ArrayList<>();
    List<Map<String, Object>> workloads =
        docs.stream().filter(d -> WORKLOAD_KINDS.contains(kind(d))).toList();
    if (workloads.isEmpty()) {
      violations.add("no workload rendered at all");
    }
    for (Map<String, Object> workload : workloads) {
      String where = kind(workload) + " " + name(workload);
      Map<String, Object> pod = podSpec(workload);
      if (!Boolean.TRUE.equals(at(pod, "securityContext.runAsNonRoot"))) {
        violations.add(where + ": pod securityContext.runAsNonRoot is not true");
      }
      Object uid = at(pod, "securityContext.runAsUser");
      if (!(uid instanceof Integer u) || u == 0) {
        violations.add(
            where + ": pod securityContext.runAsUser must be a non-zero numeric uid, is " + uid);
      }
      if (!"RuntimeDefault".equals(string(pod, "securityContext.seccompProfile.type"))) {
        violations.add(where + ": pod seccompProfile is not RuntimeDefault");
      }
      if (string(pod, "serviceAccountName") == null) {
        violations.add(where + ": no serviceAccountName (each service runs as its own IAM role)");
      }
      if (Boolean.TRUE.equals(at(pod, "hostNetwork")) || Boolean.TRUE.equals(at(pod, "hostPID"))) {
        violations.add(where + ": uses the host's network or PID namespace");
      }
      Map<String, Object> volumesByName = new TreeMap<>();
      list(pod, "volumes").forEach(v -> volumesByName.put(string(v, "name"), v));
      List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
      containers.addAll(list(pod, "initContainers"));
      if (containers.isEmpty()) {
        violations.add(where + ": no containers");
      }
      for (Map<String, Object> c : containers) {
        String cw = where + " container " + string(c, "name");
        if (!LIVENESS.equals(string(c, "livenessProbe.httpGet.path"))) {
          violations.add(
              cw
                  + ": livenessProbe must GET "
                  + LIVENESS
                  + ", is "
                  + string(c, "livenessProbe.httpGet.path"));
        }
        if (!READINESS.equals(string(c, "readinessProbe.httpGet.path"))) {
          violations.add(
              cw
                  + ": readinessProbe must GET "
                  + READINESS
                  + ", is "
                  + string(c, "readinessProbe.httpGet.path"));
        }
        for (String r : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
          if (at(c, "resources." + r) == null) {
            violations.add(cw + ": resources." + r + " is missing");
          }
        }
        if (!Boolean.FALSE.equals(at(c, "securityContext.allowPrivilegeEscalation"))) {
          violations.add(cw + ": securityContext.allowPrivilegeEscalation is not false");
        }
        if (!Boolean.TRUE.equals(at(c, "securityContext.readOnlyRootFilesystem"))) {
          violations.add(cw + ": securityContext.readOnlyRootFilesystem is not true");
        }
        if (Boolean.FALSE.equals(at(c, "securityContext.runAsNonRoot"))
            || Objects.equals(at(c, "securityContext.runAsUser"), 0)
            || Boolean.TRUE.equals(at(c, "securityContext.privileged"))) {
          violations.add(cw + ": container securityContext runs as root or privileged");
        }
        Object drop = at(c, "securityContext.capabilities.drop");
        if (!(drop instanceof List<?> d && d.contains("ALL"))) {
          violations.add(cw + ": securityContext.capabilities.drop does not contain ALL");
        }
        if (at(c, "securityContext.capabilities.add") != null) {
          violations.add(cw + ": adds capabilities");
        }
        boolean tmpOnEmptyDir =
            list(c, "volumeMounts").stream()
                .anyMatch(
                    m ->
                        "/tmp".equals(string(m, "mountPath"))
                            && at(volumesByName.get(string(m, "name")), "emptyDir") != null);
        if (!tmpOnEmptyDir) {
          violations.add(
              cw + ": /tmp is not an emptyDir volume (the root filesystem is read-only)");
        }
        String image = string(c, "image");
        if (image == null || !image.contains(":") || image.endsWith(":latest")) {
          violations.add(cw + ": image must have a pinned tag, is " + image);
        }
      }
    }
    return violations;
  }

  /** One Deployment, Service account, PodDisruptionBudget per service; a HorizontalPodAutoscaler for each handler. */
  static List<String> availability(List<Map<String, Object>> docs, List<DrService> services) {
    List<String> violations = new ArrayList<>();
    for (DrService s : services) {
      Map<String, Object> deployment =
          ofKind(docs, "Deployment").stream()
              .filter(d -> s.module().equals(name(d)))
              .findFirst()
              .orElse(null);
      if (deployment == null) {
        violations.add("no Deployment " + s.module());
        continue;
      }
      Map<String, Object> labels = podLabels(deployment);
      boolean guarded =
          ofKind(docs, "PodDisruptionBudget").stream()
              .anyMatch(p -> selects(map(p, "spec.selector.matchLabels"), labels));
      if (!guarded) {
        violations.add(
            "Deployment " + s.module() + " has no PodDisruptionBudget selecting its pods");
      }
      boolean exposesPort =
          list(podSpec(deployment), "containers").stream()
              .flatMap(c -> list(c, "ports").stream())
              .anyMatch(p -> Objects.equals(at(p, "containerPort"), s.port()));
      if (!exposesPort) {
        violations.add("Deployment " + s.module() + " does not expose port " + s.port());
      }
      List<Map<String, Object>> hpas =
          ofKind(docs, "HorizontalPodAutoscaler").stream()
              .filter(h -> s.module().equals(string(h, "spec.scaleTargetRef.name")))
              .toList();
      if (s.autoscaled() && hpas.isEmpty()) {
        violations.add("handler " + s.module() + " has no HorizontalPodAutoscaler");
      }
      for (Map<String, Object> hpa : hpas) {
        Object max = at(hpa, "spec.maxReplicas");
        if (!(max instanceof Integer m) || m > Topics.PARTITIONS) {
          violations.add(
              "HorizontalPodAutoscaler "
                  + name(hpa)
                  + ": maxReplicas "
                  + max
                  + " exceeds the "
                  + Topics.PARTITIONS
                  + " partitions of a command topic (extra consumers would sit idle)");
        }
      }
    }
    return violations;
  }

  /** Every ServiceAccount carries an IRSA role ARN; every service has one and its pods use it. */
  static List<String> serviceAccounts(List<Map<String, Object>> docs, List<DrService> services) {
    List<String> violations = new ArrayList<>();
    List<Map<String, Object>> accounts = ofKind(docs, "ServiceAccount");
    for (Map<String, Object> sa : accounts) {
      Object arn =
          map(sa, "metadata.annotations")
              .get(ROLE_ARN_ANNOTATION); // the key has dots: no path lookup
      if (services.stream().noneMatch(s -> s.module().equals(name(sa)))) {
        // not a service calling AWS (the console): it must have no AWS role at all
        if (arn != null) {
          violations.add(
              "ServiceAccount " + name(sa) + ": calls no AWS API but has the IAM role " + arn);
        }
        continue;
      }
      if (arn == null || !ROLE_ARN.matcher(arn.toString()).matches()) {
        violations.add(
            "ServiceAccount "
                + name(sa)
                + ": annotation "
                + ROLE_ARN_ANNOTATION
                + " must be an IAM role ARN, is "
                + arn);
      } else if (!arn.toString().endsWith("/dr-autopilot-" + name(sa))) {
        violations.add(
            "ServiceAccount " + name(sa) + ": role " + arn + " is not dr-autopilot-" + name(sa));
      }
    }
    for (DrService s : services) {
      if (accounts.stream().noneMatch(a -> s.module().equals(name(a)))) {
        violations.add("no ServiceAccount " + s.module());
      }
    }
    for (Map<String, Object> d : ofKind(docs, "Deployment")) {
      String account = string(podSpec(d), "serviceAccountName");
      if (accounts.stream().noneMatch(a -> Objects.equals(account, name(a)))) {
        violations.add(
            "Deployment "
                + name(d)
                + " runs as ServiceAccount "
                + account
                + ", which is not rendered");
      }
    }
    return violations;
  }

  /** No Secret objects, and secret-looking settings only ever from a secretKeyRef. */
  static List<String> noSecretValues(List<Map<String, Object>> docs) {
    List<String> violations = new ArrayList<>();
    for (Map<String, Object> doc : docs) {
      if ("Secret".equals(kind(doc))) {
        violations.add(
            "Secret "
                + name(doc)
                + " is rendered with its values; reference Secrets created out of band instead");
      }
      if ("ConfigMap".equals(kind(doc))) {
        map(doc, "data")
            .forEach(
                (key, value) -> {
                  if (SECRET_LIKE.matcher(key).matches()) {
                    violations.add(
                        "ConfigMap "
                            + name(doc)
                            + " holds "
                            + key
                            + ": secrets belong in a Secret");
                  }
                });
      }
    }
    for (Map<String, Object> workload :
        docs.stream().filter(d -> WORKLOAD_KINDS.contains(kind(d))).toList()) {
      for (Map<String, Object> c : list(podSpec(workload), "containers")) {
        for (Map<String, Object> env : list(c, "env")) {
          String envName = string(env, "name");
          if (SECRET_LIKE.matcher(envName).matches() && at(env, "valueFrom.secretKeyRef") == null) {
            violations.add(
                kind(workload)
                    + " "
                    + name(workload)
                    + " sets "
                    + envName
                    + " other than from a secretKeyRef");
          }
        }
      }
    }
    return violations;
  }

  /** The Strimzi topics are exactly the catalog: names, partitions, retention and cleanup policy. */
  static List<String> topics(List<Map<String, Object>> docs, List<TopicSpec> catalog) {
    List<String> violations = new ArrayList<>();
    Map<String, String> rendered = new TreeMap<>();
    for (Map<String, Object> topic : ofKind(docs, "KafkaTopic")) {
      String topicName =
          string(topic, "spec.topicName") != null ? string(topic, "spec.topicName") : name(topic);
      Map<String, Object> config = map(topic, "spec.config");
      rendered.put(
          topicName,
          describe(
              at(topic, "spec.partitions"),
              config.get("retention.ms"),
              config.get("cleanup.policy")));
      if (!TopicArtifacts.STRIMZI_CLUSTER.equals(
          map(topic, "metadata.labels").get("strimzi.io/cluster"))) {
        violations.add(
            "KafkaTopic "
                + topicName
                + " is not labelled strimzi.io/cluster="
                + TopicArtifacts.STRIMZI_CLUSTER);
      }
    }
    Map<String, String> expected = new TreeMap<>();
    catalog.forEach(
        t ->
            expected.put(
                t.name(), describe(t.partitions(), t.retentionMs(), t.cleanupPolicy().config())));
    expected.forEach(
        (topic, spec) -> {
          if (!rendered.containsKey(topic)) {
            violations.add("topic " + topic + " of the catalog has no KafkaTopic");
          } else if (!rendered.get(topic).equals(spec)) {
            violations.add(
                "KafkaTopic "
                    + topic
                    + " is "
                    + rendered.get(topic)
                    + ", the catalog says "
                    + spec);
          }
        });
    rendered.keySet().stream()
        .filter(t -> !expected.containsKey(t))
        .forEach(t -> violations.add("KafkaTopic " + t + " is not in the catalog (Topics.ALL)"));
    return violations;
  }

  private static String describe(Object partitions, Object retention, Object cleanup) {
    return "partitions=" + partitions + " retention.ms=" + retention + " cleanup.policy=" + cleanup;
  }

  /** A default-deny policy over every DR pod, and DNS and Kafka egress for each Deployment's pods. */
  static List<String> networkPolicies(List<Map<String, Object>> docs) {
    List<String> violations = new ArrayList<>();
    List<Map<String, Object>> policies = ofKind(docs, "NetworkPolicy");
    for (Map<String, Object> d : ofKind(docs, "Deployment")) {
      Map<String, Object> labels = podLabels(d);
      List<Map<String, Object>> applying =
          policies.stream()
              .filter(
                  p ->
                      selects(map(p, "spec.podSelector.matchLabels"), labels)
                          && map(p, "spec.podSelector").keySet().stream()
                              .allMatch("matchLabels"::equals))
              .toList();
      boolean denied =
          applying.stream()
              .anyMatch(
                  p -> {
                    Object types = at(p, "spec.policyTypes");
                    return types instanceof List<?> t
                        && t.contains("Ingress")
                        && t.contains("Egress")
                        && at(p, "spec.ingress") == null
                        && at(p, "spec.egress") == null;
                  });
      if (!denied) {
        violations.add(
            "Deployment "
                + name(d)
                + ": no default-deny NetworkPolicy (Ingress and Egress, no rules) selects its pods");
      }
      if (!egressTo(applying, 53)) {
        violations.add("Deployment " + name(d) + ": no NetworkPolicy allows DNS egress (port 53)");
      }
      if (!egressTo(applying, 9092)) {
        violations.add(
            "Deployment " + name(d) + ": no NetworkPolicy allows Kafka egress (port 9092)");
      }
    }
    return violations;
  }

  private static boolean egressTo(List<Map<String, Object>> policies, int port) {
    return policies.stream()
        .flatMap(p -> list(p, "spec.egress").stream())
        .flatMap(rule -> list(rule, "ports").stream())
        .anyMatch(p -> Objects.equals(at(p, "port"), port));
  }

  private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    return !selector.isEmpty()
        && selector.entrySet().stream()
            .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }
}
