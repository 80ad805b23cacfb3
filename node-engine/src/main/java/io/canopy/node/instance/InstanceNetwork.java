package io.canopy.node.instance;

import io.canopy.wire.net.NetworkTable;

/**
 * The seam for the net manager: called once a workload runs (with its PID, whose network namespace
 * gets the overlay veth), before it is removed, and with every overlay table the cluster sends.
 * Until the net manager is plugged in, containers stay on Docker's default bridge only, which is
 * what {@link #DEFAULT_BRIDGE} stands for.
 */
public interface InstanceNetwork {

  /**
   * Wires a running workload into the overlay. Called again for the same instance after an engine
   * restart, so it must be idempotent.
   *
   * @return the instance's overlay address, or null when it has none
   */
  String attach(String instanceId, long pid);

  /** Unwires it; idempotent. */
  void detach(String instanceId);

  /**
   * The overlay tables the cluster published on {@code nodes/{id}/net/tables} (this worker's
   * subnet, service IPs and their instances, peer workers). Each one replaces the last.
   */
  void apply(NetworkTable table);

  /** No overlay: workloads reach each other and the outside through Docker's default bridge. */
  InstanceNetwork DEFAULT_BRIDGE =
      new InstanceNetwork() {
        @Override
        public String attach(String instanceId, long pid) {
          return null;
        }

        @Override
        public void detach(String instanceId) {}

        @Override
        public void apply(NetworkTable table) {}
      };
}
