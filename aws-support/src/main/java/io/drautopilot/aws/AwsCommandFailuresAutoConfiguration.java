package io.drautopilot.aws;

import io.drautopilot.messaging.command.CommandFailureMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * In a service that handles commands and calls AWS, the command dispatcher's one failure mapping is
 * {@link AwsFailures#ofAny}: handlers throw an {@link ActionRefused} or let AWS errors escape, and
 * every failure keeps its code, retryability and AWS request id.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.drautopilot.messaging.command.CommandFailureMapper")
public class AwsCommandFailuresAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CommandFailureMapper awsCommandFailureMapper() {
    return AwsFailures::ofAny;
  }
}
