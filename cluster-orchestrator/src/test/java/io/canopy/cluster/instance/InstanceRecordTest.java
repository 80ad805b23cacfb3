package io.canopy.cluster.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.sla.Microservice;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.WireJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceRecordTest {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  static InstanceRecord runningOnA() {
    Microservice service =
        WireJson.mapper()
            .readValue(
                """
                {"microservice_name":"svc","microservice_namespace":"ns",
                 "virtualization":"container","code":"canopy-test/busybox","memory":16}
                """,
                Microservice.class);
    InstanceSpec spec = new InstanceSpec("i1", "s1", "a.ns.svc.ns", 0, service, "10.30.0.5", null);
    return InstanceRecord.arrived(spec, NOW)
        .onNode("worker-a")
        .inState(InstanceState.RUNNING, NOW)
        .observed("container-1", "10.18.0.2", null, null);
  }

  @Test
  void movingToAnotherWorkerForgetsTheOldWorkersAddressAndContainer() {
    InstanceRecord moved = runningOnA().onNode("worker-b");

    // the old address is from worker A's subnet: the net tables must not route to it any more
    assertThat(moved.instanceIp()).isNull();
    assertThat(moved.runtimeId()).isNull();
  }

  @Test
  void stayingOnTheSameWorkerKeepsThem() {
    InstanceRecord same = runningOnA().onNode("worker-a");

    assertThat(same.instanceIp()).isEqualTo("10.18.0.2");
    assertThat(same.runtimeId()).isEqualTo("container-1");
  }
}
