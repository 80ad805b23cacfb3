package io.canopy.node.runtime.libvirt;

import java.util.List;

/**
 * Picks the kernel archive for this worker: {@code code} lists one URL per entry of {@code arch},
 * in the same order; a single URL with no {@code arch} list is taken to be for any worker.
 */
final class ArchChoice {
  private ArchChoice() {}

  static String pick(List<String> codes, List<String> arches, String hostGoArch)
      throws ImageFailure {
    if (codes.isEmpty()) {
      throw new ImageFailure("the service names no kernel archive in \"code\"");
    }
    if (arches.isEmpty()) {
      if (codes.size() == 1) {
        return codes.getFirst();
      }
      throw new ImageFailure(
          "\"code\" lists " + codes.size() + " archives but \"arch\" does not say which is which");
    }
    if (arches.size() != codes.size()) {
      throw new ImageFailure(
          "\"code\" lists "
              + codes.size()
              + " archive(s) but \"arch\" lists "
              + arches.size()
              + " architecture(s)");
    }
    String host = Arches.goName(hostGoArch);
    for (int i = 0; i < arches.size(); i++) {
      if (Arches.goName(arches.get(i)).equals(host)) {
        return codes.get(i);
      }
    }
    throw new ImageFailure(
        "no kernel archive for this worker's architecture "
            + host
            + " (the service offers "
            + String.join(", ", arches)
            + ")");
  }
}
