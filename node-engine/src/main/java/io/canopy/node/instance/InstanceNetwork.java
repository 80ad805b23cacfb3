package io.canopy.node.instance;

import io.canopy.node.runtime.GuestNic;
import io.canopy.sla.PortMapping;
import io.canopy.wire.net.NetworkTable;
import java.util.List;

/**
 * The seam for the net manager: called once a workload runs (with its PID, whose network namespace
 * gets the overlay veth), before it is removed, and with every overlay table the cluster sends.
 * {@link #DEFAULT_BRIDGE} is the worker without an overlay: containers stay on Docker's default
 * bridge only; {@code io.canopy.node.overlay.OverlayNetwork} is the one backed by the net manager.
 */
public interface InstanceNetwork {

  /**
   * Wires a running workload into the overlay. Called again for the same instance after an engine
   * restart, and after each table for running instances that still have no address, so it must be
   * idempotent.
   *
   * @param pid the workload's main process on the host (0 when the runtime has none to offer)
   * @param published the SLA's host ports, which the network publishes when it {@link
   *     #providesContainerNetwork() provides the containers' network}
   * @return the instance's overlay address, or null when it has none (yet)
   * @throws RuntimeException when the workload cannot be wired (its start then fails)
   */
  String attach(String instanceId, long pid, List<PortMapping> published);

  /**
   * Prepares the network card of a guest that its runtime is about to start (a unikernel's QEMU,
   * which runs in the engine's own namespace): such a guest cannot be configured from outside once
   * it runs, so its instance IP is chosen now, for its kernel command line, and its tap device made
   * now, for QEMU to open. {@link #attach} then puts that tap on the network once the guest runs;
   * {@link #detach} removes it, also after a failed start.
   *
   * @return the NIC, or null when guests get none (no overlay)
   * @throws RuntimeException when the guest cannot get one (no subnet yet, subnet full, host port
   *     taken): its start then fails with the message
   */
  default GuestNic guestNic(String instanceId, List<PortMapping> published) {
    return null;
  }

  /** Unwires it; idempotent. */
  void detach(String instanceId);

  /**
   * The overlay tables the cluster published on {@code nodes/{id}/net/tables} (this worker's
   * subnet, service IPs and their instances, peer workers). Each one replaces the last.
   */
  void apply(NetworkTable table);

  /**
   * Whether containers get their network from here alone: they are then created without any Docker
   * network, and their published ports are this network's job.
   */
  default boolean providesContainerNetwork() {
    return true;
  }

  /** No overlay: workloads reach each other and the outside through Docker's default bridge. */
  InstanceNetwork DEFAULT_BRIDGE =
      new InstanceNetwork() {
        @Override
        public String attach(String instanceId, long pid, List<PortMapping> published) {
          return null;
        }

        @Override
        public void detach(String instanceId) {}

        @Override
        public void apply(NetworkTable table) {}

        @Override
        public boolean providesContainerNetwork() {
          return false;
        }
      };
}
