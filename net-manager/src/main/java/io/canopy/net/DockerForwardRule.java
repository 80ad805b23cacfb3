package io.canopy.net;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule Canopy puts outside its own objects. dockerd sets the policy of {@code ip filter
 * FORWARD} to drop, and a drop in any base chain is final whatever the {@code canopy} table says:
 * an accept there cannot win. So on a worker where dockerd manages iptables (its {@code
 * DOCKER-USER} chain exists, the place Docker keeps for the operator's own rules and never
 * flushes), the net manager inserts two accepts for traffic entering or leaving the Canopy bridge,
 * marked with a comment, and {@link #remove()} takes exactly those away again.
 */
final class DockerForwardRule {
  static final String CHAIN = "DOCKER-USER";
  static final String COMMENT = "canopy overlay";
  private static final Logger log = LoggerFactory.getLogger(DockerForwardRule.class);

  private final Shell shell;

  DockerForwardRule(Shell shell) {
    this.shell = shell;
  }

  /** Whether dockerd's {@code DOCKER-USER} chain exists here (iptables installed and in use). */
  boolean chainExists() {
    return succeeds("iptables", "-w", "5", "-S", CHAIN);
  }

  /** Whether both accept rules are in place. */
  boolean present() {
    return rules().stream().allMatch(rule -> succeeds(iptables("-C", rule)));
  }

  /** Inserts whichever of the two rules is missing; does nothing without a DOCKER-USER chain. */
  void ensure() {
    if (!chainExists()) {
      return;
    }
    for (List<String> rule : rules()) {
      if (!succeeds(iptables("-C", rule))) {
        shell.run(iptables("-I", rule));
        log.info("added to {}: {}", CHAIN, String.join(" ", rule));
      }
    }
  }

  /** Deletes the two rules (every copy of them); leaves the chain and all other rules alone. */
  void remove() {
    for (List<String> rule : rules()) {
      for (int copies = 0; copies < 16 && succeeds(iptables("-C", rule)); copies++) {
        shell.run(iptables("-D", rule));
      }
    }
  }

  private static List<List<String>> rules() {
    return List.of(
        List.of("-i", Bridge.NAME, "-m", "comment", "--comment", COMMENT, "-j", "ACCEPT"),
        List.of("-o", Bridge.NAME, "-m", "comment", "--comment", COMMENT, "-j", "ACCEPT"));
  }

  private static String[] iptables(String operation, List<String> rule) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", operation, CHAIN));
    command.addAll(rule);
    return command.toArray(String[]::new);
  }

  // false also when iptables is not installed: then there is no Docker chain to care about
  private boolean succeeds(String... command) {
    try {
      return shell.exec(null, command).ok();
    } catch (CommandFailedException e) {
      return false;
    }
  }
}
