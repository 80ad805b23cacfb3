package io.canopy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.address.WorkerSubnet;
import io.canopy.net.NftState.PortKey;
import io.canopy.net.NftState.PortTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every diff script the kernel accepts leaves the table equal to the state it describes. */
class NftTableTest {
  Lab lab;
  Shell shell;

  @BeforeEach
  void namespace() throws Exception {
    lab = new Lab();
    shell = new Shell(lab.namespace("nft"));
  }

  @AfterEach
  void remove() throws Exception {
    lab.close();
  }

  @Test
  void successiveDiffsKeepTheKernelTableEqualToTheDesiredState() {
    NftTable table = new NftTable(shell);
    WorkerSubnet subnet = WorkerSubnet.of("10.18.0.0/26");
    List<Map<String, List<String>>> steps =
        List.of(
            Map.of("10.30.0.1", List.of("10.18.0.2", "10.18.0.3", "10.18.0.66")),
            Map.of(
                "10.30.0.1", List.of("10.18.0.2", "10.18.0.66"),
                "10.30.0.2", List.of("10.18.0.4")),
            Map.of(
                "10.30.0.1", List.of("10.18.0.5", "10.18.0.66", "10.18.0.2", "10.18.0.7"),
                "10.30.0.2", List.of("10.18.0.4")),
            Map.of("10.30.0.2", List.of("10.18.0.9")),
            Map.of());
    for (Map<String, List<String>> services : steps) {
      NftState applied =
          table.apply(
              new NftState(
                  subnet,
                  services,
                  Map.of(
                      new PortKey("tcp", 8000 + services.size()),
                      new PortTarget("10.18.0.2", 80))));

      assertThat(table.readServices()).isEqualTo(applied.services());
      services.forEach(
          (ip, backends) ->
              assertThat(applied.services().get(ip)).containsExactlyInAnyOrderElementsOf(backends));
      assertThat(shell.run("nft", "list", "map", "ip", "canopy", "hostports"))
          .contains("tcp . " + (8000 + services.size()) + " : 10.18.0.2 . 80");
    }

    NftTable restarted = new NftTable(shell);
    restarted.apply(new NftState(subnet, Map.of("10.30.0.3", List.of("10.18.0.2")), Map.of()));
    assertThat(restarted.readServices()).containsOnlyKeys("10.30.0.3");

    restarted.delete();
    assertThat(restarted.exists()).isFalse();
  }
}
