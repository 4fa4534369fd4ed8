package io.drautopilot.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the code promises (README "Layout"), checked on every service's compiled classes so a
 * reach across it fails the build instead of waiting for a review to notice.
 */
class ArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.drautopilot");
  }

  @Test
  void shouldKeepServicesFromImportingEachOther() {
    slices()
        .matching(
            "io.drautopilot.(detector|orchestrator|restore|validation|notifier|containment)..")
        .should()
        .notDependOnEachOther()
        .because(
            "services share only the contracts in schemas and the libraries; a handler is added as a service")
        .check(classes);
  }

  @Test
  void shouldKeepDomainCodeFreeOfAdaptersAndConfiguration() {
    noClasses()
        .that()
        .resideInAPackage("io.drautopilot..domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.drautopilot..adapter..", "io.drautopilot..config..")
        .because(
            "a domain decides; adapters and configuration depend on it, never the other way round")
        .check(classes);
  }

  @Test
  void shouldKeepTheOrchestratorEngineFreeOfKafkaSpringAndAws() {
    noClasses()
        .that()
        .resideInAPackage("io.drautopilot.orchestrator.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.springframework..",
            "software.amazon..",
            "io.drautopilot.orchestrator.adapter..",
            "io.drautopilot.orchestrator.config..")
        .because(
            "the engine is deterministic, state + input -> effects, so a replay reproduces every decision")
        .check(classes);
  }

  @Test
  void shouldKeepRunbooksFreeOfKafkaAndAws() {
    // Spring's resource loader may list the runbook files on the class path; nothing else of the
    // framework, and no messaging or cloud, belongs in what a runbook means.
    noClasses()
        .that()
        .resideInAPackage("io.drautopilot.orchestrator.runbook..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..", "software.amazon..", "io.drautopilot.orchestrator.adapter..")
        .check(classes);
  }

  @Test
  void shouldConfigureAwsSdkClientsOnlyInAwsSupport() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.drautopilot.aws..")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "build() of an AWS SDK client builder",
                (JavaMethodCall call) ->
                    call.getName().equals("build")
                        && call.getTargetOwner()
                            .isAssignableTo(
                                "software.amazon.awssdk.awscore.client.builder.AwsClientBuilder")))
        .because(
            "every AWS client is built one way (region, default credentials chain, endpoint overrides, timeouts): "
                + "AwsClientFactory.client(XxxClient.builder(), ...)")
        .check(classes);
  }
}
