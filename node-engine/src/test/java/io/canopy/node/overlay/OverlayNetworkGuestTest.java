package io.canopy.node.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.net.Attachment;
import io.canopy.net.InstanceNamespace;
import io.canopy.net.NetStatus;
import io.canopy.net.PublishedPort;
import io.canopy.net.Tap;
import io.canopy.node.runtime.GuestNic;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the overlay hands unikernel guests their addresses: before they boot, never twice, taps put
 * on the bridge once they run. The net manager is a recording stand-in here: the kernel side of the
 * same calls is net-manager's GuestTapTest, the whole path e2e's UnikernelOverlayIT.
 */
class OverlayNetworkGuestTest {
  static final NetworkTable TABLE =
      new NetworkTable(
          "10.18.0.0/26",
          Map.of("10.30.0.5", List.of(new ServiceInstance("elsewhere", "10.18.0.2", null))),
          Map.of());

  final RecordingNet net = new RecordingNet();

  @Test
  void aGuestGetsTheNextFreeAddressAndATapBeforeItStartsAndTheBridgeAfter() {
    OverlayNetwork overlay = new OverlayNetwork(net, false);
    overlay.apply(TABLE);

    GuestNic first = overlay.guestNic("g1", List.of());
    GuestNic second = overlay.guestNic("g2", List.of());

    // 10.18.0.2 is still listed by the cluster; g1's address is promised although not attached
    assertThat(first).isEqualTo(new GuestNic("tap-g1", "10.18.0.3", 26, "10.18.0.1", 1450));
    assertThat(second.address()).isEqualTo("10.18.0.4");
    assertThat(net.calls).containsExactly("createTap g1", "createTap g2");

    assertThat(overlay.attach("g1", 0, List.of())).isEqualTo("10.18.0.3");
    assertThat(net.calls).endsWith("attachTap g1 10.18.0.3");
    // attached again after an engine restart: the address is found on the bridge
    assertThat(new OverlayNetwork(net, false).attach("g1", 0, List.of())).isEqualTo("10.18.0.3");
    assertThat(overlay.attach("unknown", 0, List.of())).isNull();
  }

  @Test
  void aDetachedGuestsPromisedAddressIsFreeAgain() {
    OverlayNetwork overlay = new OverlayNetwork(net, false);
    overlay.apply(TABLE);
    overlay.guestNic("g1", List.of());

    overlay.detach("g1"); // its start failed

    assertThat(net.calls).endsWith("detach g1");
    assertThat(overlay.attach("g1", 0, List.of())).isNull();
    assertThat(overlay.guestNic("g2", List.of()).address()).isEqualTo("10.18.0.3");
  }

  @Test
  void aGuestWaitsForTheWorkersFirstTableABoundedWhile() throws Exception {
    OverlayNetwork overlay = new OverlayNetwork(net, false, Duration.ofSeconds(20));
    CompletableFuture<GuestNic> nic =
        CompletableFuture.supplyAsync(() -> overlay.guestNic("g1", List.of()));
    Thread.sleep(200);
    assertThat(nic).isNotDone();

    overlay.apply(TABLE);

    assertThat(nic.get(5, TimeUnit.SECONDS).address()).isEqualTo("10.18.0.3");
    OverlayNetwork never = new OverlayNetwork(new RecordingNet(), false, Duration.ofMillis(300));
    assertThatThrownBy(() -> never.guestNic("g2", List.of()))
        .hasMessage(
            "the cluster has not sent this worker's subnet within 300 ms, so guest g2 has no"
                + " address to boot with");
  }

  /** A net manager that records what it was asked and keeps attachments in memory. */
  static final class RecordingNet implements NetLink {
    final List<String> calls = new ArrayList<>();
    final Map<String, Attachment> attached = new LinkedHashMap<>();
    String subnet;

    @Override
    public synchronized NetStatus status() {
      return new NetStatus(
          null, subnet, List.copyOf(attached.values()), Map.of(), Map.of(), List.of());
    }

    @Override
    public synchronized Attachment attach(
        String instanceId,
        InstanceNamespace namespace,
        String instanceIp,
        List<PublishedPort> ports) {
      calls.add("attach " + instanceId + " " + instanceIp);
      Attachment a = new Attachment(instanceId, instanceIp, "veth-" + instanceId, ports);
      attached.put(instanceId, a);
      return a;
    }

    @Override
    public synchronized Tap createTap(String instanceId) {
      calls.add("createTap " + instanceId);
      return new Tap("tap-" + instanceId, 1450);
    }

    @Override
    public synchronized Attachment attachTap(
        String instanceId, String instanceIp, List<PublishedPort> ports) {
      calls.add("attachTap " + instanceId + " " + instanceIp);
      Attachment a = new Attachment(instanceId, instanceIp, "tap-" + instanceId, ports);
      attached.put(instanceId, a);
      return a;
    }

    @Override
    public synchronized boolean detach(String instanceId) {
      calls.add("detach " + instanceId);
      return attached.remove(instanceId) != null;
    }

    @Override
    public synchronized void apply(NetworkTable table) {
      subnet = table.subnet();
    }

    @Override
    public String describe() {
      return "recording";
    }
  }
}
