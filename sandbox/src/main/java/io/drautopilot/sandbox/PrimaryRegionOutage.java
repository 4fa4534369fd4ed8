package io.drautopilot.sandbox;

import io.drautopilot.localstack.Dynalite;
import io.drautopilot.sandbox.faults.RegionOutageSwitch;

/**
 * Scenario 1 for real: the primary region's DynamoDB goes away because its dynalite process is
 * stopped; every service that calls it gets connection refused, as in a regional outage.
 */
final class PrimaryRegionOutage implements RegionOutageSwitch {

  private final Dynalite primary;

  PrimaryRegionOutage(Dynalite primary) {
    this.primary = primary;
  }

  @Override
  public void makeUnreachable(String region) {
    if (!SandboxDrill.PRIMARY.equals(region)) {
      throw new IllegalArgumentException(
          "the sandbox can only take the primary region ("
              + SandboxDrill.PRIMARY
              + ") down, not "
              + region);
    }
    primary.close();
  }

  @Override
  public void restore(String region) {
    throw new UnsupportedOperationException(
        "the sandbox does not bring a stopped region back during a drill");
  }
}
