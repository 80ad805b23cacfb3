package io.canopy.e2e;

import io.canopy.testsupport.TestImages;

/** SLAs the end-to-end tests deploy, all running the local busybox image. */
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
    return """
        {"microserviceID": "", "microservice_name": "%s", "microservice_namespace": "e2e",
         "virtualization": "container", "cmd": %s, "memory": %d, "vcpus": 0.1,
         "vgpus": 0, "vtpus": 0, "bandwidth_in": 0, "bandwidth_out": 0, "storage": 0,
         "code": "%s", "state": "", "port": "%s", "one_shot": %s, "added_files": []}
        """
        .formatted(name, cmdJson, memoryMb, TestImages.BUSYBOX, port, oneShot);
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
