package io.drautopilot.aws;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Registers {@link AwsClientFactory} from {@code dr.aws.*}. */
@AutoConfiguration
@EnableConfigurationProperties(AwsProperties.class)
public class AwsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  AwsClientFactory awsClientFactory(AwsProperties properties) {
    return new AwsClientFactory(properties);
  }
}
