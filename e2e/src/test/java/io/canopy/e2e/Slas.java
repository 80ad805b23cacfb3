package io.canopy.e2e;

import io.canopy.testsupport.TestImages;
import java.util.List;
import java.util.stream.Collectors;

/** SLAs the end-to-end tests deploy: the local busybox image, or kernels served locally. */
public final class Slas {
  private Slas() {}

  public static String application(String appName, String... microservices) {
    return """
        {"sla_version": "v2.0", "customerID": "Admin",
         "applications": [{"applicationID": "", "application_name": "%s",
           "application_namespace": "e2e", "application_desc": "end-to-end test",
           "microservices": [%s]}]}
        """
        .formatted(appName, String.join(",", microservices));
  }

  public static String service(
      String name, String cmdJson, long memoryMb, String port, boolean oneShot) {
    return service(name, cmdJson, memoryMb, port, oneShot, "");
  }

  /** The same with more SLA fields, e.g. {@code "addresses": {"rr_ip": "10.30.7.7"}}. */
  static String service(
      String name, String cmdJson, long memoryMb, String port, boolean oneShot, String more) {
    return """
        {"microserviceID": "", "microservice_name": "%s", "microservice_namespace": "e2e",
         "virtualization": "container", "cmd": %s, "memory": %d, "vcpus": 0.1,
         "vgpus": 0, "vtpus": 0, "bandwidth_in": 0, "bandwidth_out": 0, "storage": 0,
         "code": "%s", "state": "", "port": "%s", "one_shot": %s, "added_files": []%s}
        """
        .formatted(
            name,
            cmdJson,
            memoryMb,
            TestImages.BUSYBOX,
            port,
            oneShot,
            more.isBlank() ? "" : ", " + more);
  }

  /**
   * A unikernel service: {@code code} holds the kernel archive URLs, {@code arches} one
   * architecture per URL.
   */
  static String unikernel(String name, String code, List<String> arches, boolean oneShot) {
    return unikernel(name, code, arches, oneShot, "");
  }

  /** The same with more SLA fields, e.g. {@code "addresses": {"rr_ip": "10.30.7.7"}}. */
  static String unikernel(
      String name, String code, List<String> arches, boolean oneShot, String more) {
    String archJson =
        arches.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ", "[", "]"));
    return """
        {"microserviceID": "", "microservice_name": "%s", "microservice_namespace": "e2e",
         "virtualization": "unikernel", "cmd": [], "memory": 128, "vcpus": 1,
         "vgpus": 0, "vtpus": 0, "bandwidth_in": 0, "bandwidth_out": 0, "storage": 0,
         "code": "%s", "arch": %s, "state": "", "port": "", "one_shot": %s, "added_files": []%s}
        """
        .formatted(name, code, archJson, oneShot, more.isBlank() ? "" : ", " + more);
  }

  /** The SLA field that places a service on the named worker only. */
  static String onWorker(String workerName) {
    return "\"constraints\": [{\"type\": \"direct\", \"node\": \"" + workerName + "\"}]";
  }

  /** busybox httpd answering with {@code body}, stopping at once on SIGTERM. */
  static String httpdCmd(String body) {
    return "[\"sh\", \"-c\", \"trap 'exit 0' TERM; echo "
        + body
        + " > /www/index.html; echo serving "
        + body
        + "; httpd -f -p 80 -h /www & wait\"]";
  }

  public static String sleeperCmd() {
    return "[\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1; done\"]";
  }

  static String exitCmd(int code) {
    return "[\"sh\", \"-c\", \"echo exiting " + code + "; exit " + code + "\"]";
  }
}
