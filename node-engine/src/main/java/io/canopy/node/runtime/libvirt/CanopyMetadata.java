package io.canopy.node.runtime.libvirt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Canopy metadata element of a domain, read back from what libvirt returns for our namespace
 * (libvirt re-serializes it, so the prefix and the quotes may differ from what we wrote).
 *
 * @param instanceId the root's instance id
 * @param nodeId the node that created it
 * @param oneShot whether a power-off completes the instance
 * @param started when Canopy started it (RFC 3339), or null
 */
record CanopyMetadata(String instanceId, String nodeId, boolean oneShot, String started) {

  /** Null when the element lacks the instance or node id (not a domain of ours). */
  static CanopyMetadata parse(String element) {
    if (element == null) {
      return null;
    }
    String id = attribute(element, "id");
    String node = attribute(element, "node");
    if (id == null || node == null) {
      return null;
    }
    return new CanopyMetadata(
        id, node, "true".equals(attribute(element, "oneShot")), attribute(element, "started"));
  }

  private static String attribute(String element, String name) {
    Matcher m =
        Pattern.compile("\\s" + name + "\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")").matcher(element);
    if (!m.find()) {
      return null;
    }
    String raw = m.group(1) != null ? m.group(1) : m.group(2);
    return raw.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
