package io.canopy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.ServiceInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A unikernel guest's tap: created in the machine's namespace (where libvirtd opens it), then moved
 * onto the bridge of a worker that lives in a namespace of its own, in rotation like a container,
 * and gone after detach or cleanup. Real kernel, as root; the traffic through a real guest is e2e's
 * UnikernelOverlayIT. The taps carry this run's id, so parallel runs never share one.
 */
class GuestTapTest {
  static final String SERVICE = "10.30.0.9";
  static final String SUBNET = "10.18.0.0/26";

  Lab lab;
  String worker;
  NetManager net;
  String guest;

  @BeforeEach
  void aWorkerInANamespace() throws Exception {
    lab = new Lab();
    worker = lab.worker("w");
    net = new NetManager(config());
    guest = "guest-" + lab.id;
    net.apply(table(List.of(new ServiceInstance(guest, "10.18.0.5", "192.0.2.1"))));
  }

  @AfterEach
  void removeEverything() throws Exception {
    try {
      if (lab != null) {
        new NetManager(config()).cleanup();
      }
    } finally {
      if (lab != null) {
        lab.close();
      }
    }
  }

  @Test
  void aTapIsMadeInTheMachinesNamespaceAndAttachedToTheWorkersBridge() {
    Tap made = net.createTap(guest);
    String tap = made.device();

    assertThat(made.mtu()).isEqualTo(NetManagerConfig.DEFAULT_MTU);
    assertThat(tap).isEqualTo(InstanceAttachment.tapDevice(guest)).hasSize(15);
    assertThat(link(null, tap).path("linkinfo").path("info_kind").asString()).isEqualTo("tun");
    assertThat(link(worker, tap).isMissingNode()).isTrue();

    Attachment attached = net.attachTap(guest, "10.18.0.5", List.of());

    assertThat(attached).isEqualTo(new Attachment(guest, "10.18.0.5", tap, List.of()));
    assertThat(link(null, tap).isMissingNode()).as("moved out of the machine's namespace").isTrue();
    JsonNode inWorker = link(worker, tap);
    assertThat(inWorker.path("master").asString()).isEqualTo(Bridge.NAME);
    assertThat(inWorker.path("mtu").asInt()).isEqualTo(NetManagerConfig.defaults().mtu());
    assertThat(inWorker.path("ifalias").asString()).isEqualTo("canopy;10.18.0.5;;" + guest);
    assertThat(new NftTable(new Shell(worker)).readServices().get(SERVICE))
        .containsExactly("10.18.0.5");
    // the same attach again changes nothing; a new net manager finds it in the kernel
    assertThat(net.attachTap(guest, "10.18.0.5", List.of())).isEqualTo(attached);
    assertThat(new NetManager(config()).status().attachments()).containsExactly(attached);
    assertThatThrownBy(() -> net.createTap(guest)).hasMessageContaining("already attached");

    assertThat(net.detach(guest)).isTrue();

    assertThat(link(worker, tap).isMissingNode()).isTrue();
    assertThat(link(null, tap).isMissingNode()).isTrue();
    assertThat(new NftTable(new Shell(worker)).readServices()).doesNotContainKey(SERVICE);
  }

  @Test
  void aTapThatNeverGotAttachedIsRemovedByDetachAndByCleanup() {
    String tap = net.createTap(guest).device();
    assertThat(net.detach(guest)).isTrue();
    assertThat(link(null, tap).isMissingNode()).isTrue();

    net.createTap(guest);
    new NetManager(config()).cleanup();

    assertThat(link(null, tap).isMissingNode()).isTrue();
  }

  @Test
  void attachingAGuestWithoutItsTapOrWithATakenAddressSaysWhy() {
    assertThatThrownBy(() -> net.attachTap(guest, "10.18.0.5", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no tap device " + InstanceAttachment.tapDevice(guest));
    net.createTap(guest);
    net.attachTap(guest, "10.18.0.5", List.of());
    String other = "other-" + lab.id;
    net.createTap(other);
    assertThatThrownBy(() -> net.attachTap(other, "10.18.0.5", List.of()))
        .hasMessageContaining("instance IP 10.18.0.5 is taken by " + guest);
    assertThat(net.detach(other)).isTrue();
    assertThat(link(null, InstanceAttachment.tapDevice(other)).isMissingNode()).isTrue();
  }

  /**
   * The link's {@code ip -d -j link show} entry in the namespace (null: the machine's), or a
   * missing node.
   */
  private static JsonNode link(String namespace, String name) {
    for (JsonNode link : new Shell(namespace).json("ip", "-d", "-j", "link", "show")) {
      if (name.equals(link.path("ifname").asString())) {
        return link;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  private NetManagerConfig config() {
    return NetManagerConfig.defaults().withWorkerNamespace(worker);
  }

  private static NetworkTable table(List<ServiceInstance> instances) {
    return new NetworkTable(SUBNET, Map.of(SERVICE, instances), Map.of());
  }
}
