package io.canopy.net;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The network namespace of an instance: the one of a process ({@code /proc/<pid>/ns/net}, what a
 * container runtime gives) or a named one ({@code /run/netns/<name>}, what {@code ip netns add}
 * makes). Exactly one of the two is set.
 */
public record InstanceNamespace(Long pid, String netns) {

  public InstanceNamespace {
    if ((pid == null) == (netns == null || netns.isBlank())) {
      throw new IllegalArgumentException("give exactly one of pid and netns");
    }
    if (pid != null && pid <= 0) {
      throw new IllegalArgumentException("pid must be positive: " + pid);
    }
    if (netns != null && (netns.contains("/") || netns.startsWith("."))) {
      throw new IllegalArgumentException("netns must be a plain name: '" + netns + "'");
    }
  }

  public static InstanceNamespace ofPid(long pid) {
    return new InstanceNamespace(pid, null);
  }

  public static InstanceNamespace named(String netns) {
    return new InstanceNamespace(null, netns);
  }

  /** The namespace file, for {@code nsenter --net=…}. */
  @JsonIgnore
  public String path() {
    return pid != null ? "/proc/" + pid + "/ns/net" : "/run/netns/" + netns;
  }

  /** The argument {@code ip link set … netns} takes: a pid or a name. */
  String ipLinkTarget() {
    return pid != null ? pid.toString() : netns;
  }
}
