package io.drautopilot.sandbox.faults;

/**
 * Makes a region's data plane unreachable for a drill. The detector cannot stop a region by itself; the sandbox
 * provides this bean (it stops that region's dynalite process). Without it, a {@code region-unreachable} fault is
 * refused with 501.
 */
public interface RegionOutageSwitch {

  /** Takes the region's DynamoDB endpoint down (connections refused). */
  void makeUnreachable(String region);

  /** Brings it back (called when the drill's faults are cleared). */
  void restore(String region);
}
