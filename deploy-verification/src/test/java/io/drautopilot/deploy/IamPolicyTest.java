package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drautopilot.deploy.AwsOperations.Derived;
import io.drautopilot.deploy.DrServices.DrService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each service's IAM policy document allows exactly the AWS actions its compiled code calls: nothing
 * missing (the call would be denied in production) and nothing extra (least privilege).
 */
class IamPolicyTest {

  /**
   * Classes whose AWS calls never run in a deployment, so their actions stay out of the policies (and
   * IAM denies them should one run anyway): class name, and the setting that keeps it off, which the
   * Kubernetes manifests must pin to {@code false}. None today: code that only a drill needs (the
   * sandbox's faults, which delete and corrupt tables) lives in the sandbox module, not in a service.
   */
  static final Map<String, String> NOT_IN_DEPLOYMENTS = Map.of();

  static Derived derivedFor(DrService service) {
    TreeSet<AwsCallScanner.Call> calls =
        AwsCallScanner.scan(AwsCallScanner.locateModule(service.module()));
    service
        .libraries()
        .forEach(
            library ->
                AwsCallScanner.scan(AwsCallScanner.locateModule(library)).stream()
                    .filter(
                        c ->
                            service.unusedLibraryClasses().stream()
                                .noneMatch(
                                    k -> c.caller().equals(k) || c.caller().startsWith(k + "$")))
                    .forEach(calls::add));
    return derived(calls);
  }

  static Derived derivedFor(String module) {
    return derived(AwsCallScanner.scan(AwsCallScanner.locateModule(module)));
  }

  private static Derived derived(TreeSet<AwsCallScanner.Call> calls) {
    calls.removeIf(
        c ->
            NOT_IN_DEPLOYMENTS.keySet().stream()
                .anyMatch(k -> c.caller().equals(k) || c.caller().startsWith(k + "$")));
    return AwsOperations.derive(calls);
  }

  @Test
  void shouldGrantEachServiceExactlyTheAwsActionsItsCodeCalls() throws IOException {
    List<String> failures = new ArrayList<>();
    for (DrService service : DrServices.ALL) {
      Derived derived = derivedFor(service);
      derived.problems().forEach(p -> failures.add(service.module() + ": " + p));
      String file = IamPolicies.path(service.module());
      Path path = RepoFiles.resolve(file);
      SortedSet<String> granted =
          Files.exists(path) ? IamPolicies.allowedActions(Files.readString(path)) : null;
      if (derived.actions().isEmpty()) {
        System.out.println(
            service.module() + " makes no AWS SDK calls: " + file + " has no statements.");
      }
      if (granted != null && granted.equals(derived.actions())) {
        continue;
      }
      if (RepoFiles.regenerating()) {
        Files.createDirectories(path.getParent());
        Files.writeString(path, IamPolicies.render(derived.actions()));
        continue;
      }
      if (granted == null) {
        failures.add(file + " is missing; " + service.module() + " calls " + derived.actions());
        continue;
      }
      SortedSet<String> missing = new TreeSet<>(derived.actions());
      missing.removeAll(granted);
      SortedSet<String> extra = new TreeSet<>(granted);
      extra.removeAll(derived.actions());
      StringBuilder why =
          new StringBuilder(file + " does not match the code of " + service.module() + ":");
      missing.forEach(
          a ->
              why.append("\n    missing ")
                  .append(a)
                  .append(" (called by ")
                  .append(derived.actionsWithCallers().get(a))
                  .append(')'));
      extra.forEach(
          a ->
              why.append("\n    extra   ")
                  .append(a)
                  .append(" (no call to it in ")
                  .append(service.module())
                  .append(')'));
      failures.add(why.toString());
    }
    if (!failures.isEmpty()) {
      fail(
          "IAM policies out of step with the services' AWS calls:%n  %s%n"
              + "Regenerate the documents with%n  %s%n(the services' classes must be current: ./mvnw -o -pl <service> install -DskipTests), "
              + "review the diff and commit it. An action IAM needs beyond the SDK operation goes in AwsOperations.ALSO_NEEDS.",
          String.join("\n  ", failures), RepoFiles.REGENERATE_COMMAND);
    }
  }

  @Test
  void shouldListSignedRequestOperationsOnlyForClassesThatStillSendThem() {
    java.util.Set<String> sites = new java.util.HashSet<>();
    for (DrService service : DrServices.ALL) {
      sites.addAll(
          AwsCallScanner.signedRequestSites(
              AwsCallScanner.scan(AwsCallScanner.locateModule(service.module()))));
    }
    assertThat(AwsOperations.SIGNED_REQUEST_OPERATIONS.keySet())
        .as(
            "classes in AwsOperations.SIGNED_REQUEST_OPERATIONS that no service has any more (remove them)")
        .allMatch(sites::contains);
  }

  @Test
  void shouldNeverGrantWildcardActions() throws IOException {
    for (DrService service : DrServices.ALL) {
      Path path = RepoFiles.resolve(IamPolicies.path(service.module()));
      assertThat(path).as("policy document of " + service.module()).exists();
      assertThat(IamPolicies.allowedActions(Files.readString(path)))
          .as(path.toString())
          .noneMatch(a -> a.contains("*"));
    }
  }

  @Test
  void shouldKeepCodeLeftOutOfThePoliciesSwitchedOffInEveryOverlay() throws Exception {
    List<String> problems = new ArrayList<>();
    for (String overlay : KustomizeOverlaysTest.overlays().toList()) {
      List<String> env = new ArrayList<>();
      for (Map<String, Object> d :
          ManifestChecks.ofKind(KustomizeOverlaysTest.render(overlay), "Deployment")) {
        for (Map<String, Object> c : Yamls.list(d, "spec.template.spec.containers")) {
          Yamls.list(c, "env")
              .forEach(e -> env.add(Yamls.string(e, "name") + "=" + Yamls.string(e, "value")));
        }
      }
      NOT_IN_DEPLOYMENTS.forEach(
          (type, setting) -> {
            if (!env.contains(setting + "=false")) {
              problems.add(
                  "k8s/overlays/"
                      + overlay
                      + " does not set "
                      + setting
                      + "=false, yet the calls of "
                      + type
                      + " are left out of the IAM policies");
            }
          });
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldKeepAwsCallsOutOfSharedModules() {
    // A call in a shared module would run under whichever service uses it; the scan per service
    // would miss it.
    for (String module : DrServices.SHARED_MODULES) {
      Derived derived = derivedFor(module);
      assertThat(derived.actions())
          .as(
              "%s calls AWS (%s): move the call into the services that need it, or add the module's calls to their derived sets",
              module, derived.actionsWithCallers())
          .isEmpty();
    }
  }
}
