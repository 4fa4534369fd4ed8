package io.drautopilot.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.messaging.command.CommandFailureMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AwsCommandFailuresAutoConfigurationTest {

  final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AwsAutoConfiguration.class, AwsCommandFailuresAutoConfiguration.class));

  @Test
  void shouldMapHandlerFailuresTheAwsWayWhenTheServiceHandlesCommands() {
    context.run(
        c -> {
          CommandFailureMapper mapper = c.getBean(CommandFailureMapper.class);

          assertThat(mapper.failureOf(new ActionRefused("TableInUse", "still CREATING", true)))
              .satisfies(
                  f -> {
                    assertThat(f.getCode()).isEqualTo("TableInUse");
                    assertThat(f.getRetryable()).isTrue();
                  });
          assertThat(mapper.failureOf(AwsFailuresTest.aws("ThrottlingException", 400)))
              .satisfies(
                  f -> {
                    assertThat(f.getCode()).isEqualTo("ThrottlingException");
                    assertThat(f.getRetryable()).isTrue();
                    assertThat(f.getAwsRequestId()).isEqualTo("req-1");
                  });
        });
  }

  @Test
  void shouldKeepTheServicesOwnMappingWhenItDeclaresOne() {
    CommandFailureMapper own = CommandFailureMapper.GENERIC;

    context
        .withBean(CommandFailureMapper.class, () -> own)
        .run(c -> assertThat(c.getBean(CommandFailureMapper.class)).isSameAs(own));
  }

  @Test
  void shouldContributeNoMappingWhenTheServiceHasNoCommandDispatcher() {
    context
        .withClassLoader(new FilteredClassLoader(CommandFailureMapper.class))
        .run(
            c -> {
              assertThat(c).hasNotFailed();
              assertThat(c).doesNotHaveBean("awsCommandFailureMapper");
              assertThat(c).hasSingleBean(AwsClientFactory.class);
            });
  }
}
