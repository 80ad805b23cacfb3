package io.canopy.sla;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code code} and {@code arch}: an OCI image reference for a container; for a unikernel one or
 * more comma-separated http(s)/file URLs of {@code .tar.gz} kernels with one {@code arch} each.
 */
final class CodeRules {
  static final Set<String> ARCHES =
      Set.of("amd64", "arm64", "arm", "386", "riscv64", "ppc64le", "s390x");
  private static final String ARCH_LIST = "amd64, arm64, arm, 386, riscv64, ppc64le or s390x";

  // The grammar of github.com/distribution/reference, which Docker and containerd apply.
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern IMAGE =
      Pattern.compile(
          "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*(?::" + TAG + ")?(?:@"
              + DIGEST + ")?");
  private static final int MAX_IMAGE_LENGTH = 512;
  private static final String IMAGE_EXAMPLE = "docker.io/library/nginx:latest";

  private CodeRules() {}

  /** {@code kind} is null when the virtualization itself was wrong: then only types are checked. */
  static void check(Fields service, Virtualization kind) {
    String code = service.string("code", true);
    service.strings("arch", false); // reports what is not a string
    checkArchValues(service);
    if (code == null || kind == null) {
      return;
    }
    if (code.isBlank()) {
      service.fail(
          "code",
          kind == Virtualization.CONTAINER
              ? "must not be empty: give an OCI image reference such as " + IMAGE_EXAMPLE
              : "must not be empty: give the http(s) or file URL of a .tar.gz kernel");
      return;
    }
    if (kind == Virtualization.CONTAINER) {
      String problem = imageProblem(code);
      if (problem != null) {
        service.fail("code", problem);
      }
    } else {
      checkKernels(service, code);
    }
  }

  /** Why {@code code} is not an OCI image reference, or null when it is one. */
  static String imageProblem(String code) {
    if (code.contains("://")) {
      return "\""
          + code
          + "\" is a URL, not an OCI image reference such as "
          + IMAGE_EXAMPLE
          + ": container runtimes pull images by reference";
    }
    if (code.length() > MAX_IMAGE_LENGTH || !IMAGE.matcher(code).matches()) {
      return "\"" + code + "\" is not an OCI image reference such as " + IMAGE_EXAMPLE;
    }
    return null;
  }

  private static void checkKernels(Fields service, String code) {
    String[] entries = code.split(",", -1);
    for (String raw : entries) {
      String entry = raw.trim();
      if (!isKernelUrl(entry)) {
        service.fail("code", "\"" + entry + "\" is not an http(s) or file URL of a .tar.gz kernel");
      }
    }
    JsonNode archNode = service.raw("arch");
    if (archNode == null || (archNode.isArray() && archNode.isEmpty())) {
      service.fail(
          "arch",
          "is required for unikernels: give one architecture per code entry (" + ARCH_LIST + ")");
      return;
    }
    if (archNode.isArray() && archNode.size() != entries.length) {
      int n = archNode.size();
      service.fail(
          "arch",
          "lists "
              + n
              + (n == 1 ? " architecture" : " architectures")
              + " for "
              + entries.length
              + (entries.length == 1 ? " code entry" : " code entries")
              + ": give one per code entry, in the same order");
    }
  }

  private static boolean isKernelUrl(String entry) {
    try {
      URI uri = new URI(entry);
      String scheme = uri.getScheme();
      if (scheme == null || uri.getPath() == null || !uri.getPath().endsWith(".tar.gz")) {
        return false;
      }
      return switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
        case "http", "https" -> uri.getHost() != null;
        case "file" -> true;
        default -> false;
      };
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void checkArchValues(Fields service) {
    JsonNode raw = service.raw("arch");
    for (int i = 0; raw != null && raw.isArray() && i < raw.size(); i++) {
      JsonNode value = raw.get(i);
      if (value.isString() && !ARCHES.contains(value.stringValue())) {
        service
            .out()
            .add(
                service.at("arch") + "[" + i + "]",
                "\"" + value.stringValue() + "\" is not an architecture: use " + ARCH_LIST);
      }
    }
  }
}
