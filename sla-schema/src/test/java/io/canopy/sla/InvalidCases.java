package io.canopy.sla;

import static io.canopy.sla.InvalidCase.drop;
import static io.canopy.sla.InvalidCase.edited;
import static io.canopy.sla.InvalidCase.set;
import static io.canopy.sla.InvalidCase.text;

import java.util.List;
import java.util.stream.Stream;

/** The table of invalid documents: edits of full_featured.json and a few raw texts. */
final class InvalidCases {
  private static final String APP = "/applications/0";
  private static final String WEB = APP + "/microservices/0";
  private static final String CACHE = APP + "/microservices/1";
  private static final String APP_PATH = "$.applications[0]";
  private static final String WEB_PATH = APP_PATH + ".microservices[0]";
  private static final String CACHE_PATH = APP_PATH + ".microservices[1]";
  private static final String IMAGE_EXAMPLE = "such as docker.io/library/nginx:latest";
  private static final String ARCHES = "amd64, arm64, arm, 386, riscv64, ppc64le or s390x";

  private InvalidCases() {}

  static List<InvalidCase> all() {
    return Stream.of(
            document(),
            application(),
            service(),
            codeAndPorts(),
            addresses(),
            InvalidConstraintCases.all())
        .flatMap(List::stream)
        .toList();
  }

  private static List<InvalidCase> document() {
    String supported = " is not supported: the supported sla_version is \"v2.0\"";
    return List.of(
        set("old version", "/sla_version", "\"v0.2\"", "$.sla_version", "\"v0.2\"" + supported),
        set("numeric version", "/sla_version", "2", "$.sla_version", "2" + supported),
        drop(
            "no version",
            "/sla_version",
            "$.sla_version",
            "is required: the supported sla_version is \"v2.0\""),
        drop("no customer", "/customerID", "$.customerID", "is required"),
        set(
            "numeric customer",
            "/customerID",
            "7",
            "$.customerID",
            "must be a string, not a number"),
        set(
            "no applications",
            "/applications",
            "[]",
            "$.applications",
            "must hold at least one application"),
        set(
            "applications object",
            "/applications",
            "{}",
            "$.applications",
            "must be an array, not an object"),
        set("application string", APP, "\"shop\"", APP_PATH, "must be an object, not a string"),
        set(
            "args string",
            "/args",
            "\"x\"",
            "$.args",
            "must be an object or an array, not a string"),
        text("array document", "[]", "$", "must be a JSON object, not an array"),
        text("empty document", " ", "$", "is empty: an SLA is a JSON object"),
        text(
            "truncated document",
            "{\"sla_version\": ",
            "$",
            "is not valid JSON: Unexpected end-of-input within/between Object entries"
                + " (line 1, column 17)"),
        text(
            "duplicate key",
            "{\"sla_version\":\"v2.0\",\"sla_version\":\"v2.0\"}",
            "$",
            "is not valid JSON: Duplicate Object property \"sla_version\" (line 1, column 36)"));
  }

  private static List<InvalidCase> application() {
    return List.of(
        set(
            "app name with space",
            APP + "/application_name",
            "\"my shop\"",
            APP_PATH + ".application_name",
            "\"my shop\" may hold only letters and digits (a-z, A-Z, 0-9)"),
        set(
            "app name of 31",
            APP + "/application_name",
            "\"" + "a".repeat(31) + "\"",
            APP_PATH + ".application_name",
            "\"" + "a".repeat(31) + "\" is 31 characters long: use 1 to 30"),
        set(
            "empty app namespace",
            APP + "/application_namespace",
            "\"\"",
            APP_PATH + ".application_namespace",
            "must not be empty: use 1 to 30 letters or digits"),
        drop(
            "no app namespace",
            APP + "/application_namespace",
            APP_PATH + ".application_namespace",
            "is required"),
        set(
            "numeric app id",
            APP + "/applicationID",
            "5",
            APP_PATH + ".applicationID",
            "must be a string, not a number"),
        set(
            "services string",
            APP + "/microservices",
            "\"none\"",
            APP_PATH + ".microservices",
            "must be an array, not a string"),
        edited(
                "duplicate application",
                d -> d.withArray("applications").add(d.get("applications").get(0).deepCopy()),
                "$.applications[1].application_name",
                "application shop.prod is already defined at $.applications[0]")
            .beyondSchema());
  }

  private static List<InvalidCase> service() {
    return List.of(
        set(
            "service name with dot",
            WEB + "/microservice_name",
            "\"web.v2\"",
            WEB_PATH + ".microservice_name",
            "\"web.v2\" may hold only letters and digits (a-z, A-Z, 0-9)"),
        set(
            "null service name",
            WEB + "/microservice_name",
            "null",
            WEB_PATH + ".microservice_name",
            "is required and must not be null"),
        set(
                "duplicate service",
                CACHE + "/microservice_name",
                "\"web\"",
                CACHE_PATH + ".microservice_name",
                "service web.prod is already defined at " + WEB_PATH)
            .beyondSchema(),
        set(
            "unknown virtualization",
            WEB + "/virtualization",
            "\"vm\"",
            WEB_PATH + ".virtualization",
            "\"vm\" is not a virtualization: use container, docker or unikernel"),
        drop(
            "no virtualization",
            WEB + "/virtualization",
            WEB_PATH + ".virtualization",
            "is required"),
        set(
            "cmd string",
            WEB + "/cmd",
            "\"ls\"",
            WEB_PATH + ".cmd",
            "must be an array, not a string"),
        set(
            "cmd number element",
            WEB + "/cmd/1",
            "5",
            WEB_PATH + ".cmd[1]",
            "must be a string, not a number"),
        set(
            "environment without =",
            WEB + "/environment/0",
            "\"MODE\"",
            WEB_PATH + ".environment[0]",
            "\"MODE\" is not KEY=VALUE"),
        set(
            "environment without key",
            WEB + "/environment/1",
            "\"=x\"",
            WEB_PATH + ".environment[1]",
            "\"=x\" is not KEY=VALUE"),
        set(
            "negative memory",
            WEB + "/memory",
            "-1",
            WEB_PATH + ".memory",
            "must be 0 or more, not -1"),
        set(
            "fractional memory",
            WEB + "/memory",
            "1.5",
            WEB_PATH + ".memory",
            "must be a whole number, not 1.5"),
        set(
            "memory as string",
            WEB + "/memory",
            "\"100\"",
            WEB_PATH + ".memory",
            "must be a number, not a string"),
        set(
            "negative vcpus",
            WEB + "/vcpus",
            "-0.5",
            WEB_PATH + ".vcpus",
            "must be 0 or more, not -0.5"),
        set(
            "too many gpus",
            WEB + "/vgpus",
            "3000000000",
            WEB_PATH + ".vgpus",
            "must be at most 2147483647, not 3000000000"),
        set(
            "storage boolean",
            WEB + "/storage",
            "true",
            WEB_PATH + ".storage",
            "must be a number, not true"),
        set(
            "one_shot string",
            WEB + "/one_shot",
            "\"yes\"",
            WEB_PATH + ".one_shot",
            "must be true or false, not a string"),
        set(
            "privileged number",
            WEB + "/privileged",
            "1",
            WEB_PATH + ".privileged",
            "must be true or false, not a number"));
  }

  private static List<InvalidCase> codeAndPorts() {
    return List.of(
        drop("no code", WEB + "/code", WEB_PATH + ".code", "is required"),
        set(
            "container code is a URL",
            WEB + "/code",
            "\"https://example.com/repositories/example/code.py\"",
            WEB_PATH + ".code",
            "\"https://example.com/repositories/example/code.py\" is a URL, not an OCI image"
                + " reference "
                + IMAGE_EXAMPLE
                + ": container runtimes pull images by reference"),
        set(
            "upper-case image path",
            WEB + "/code",
            "\"docker.io/Library/Nginx\"",
            WEB_PATH + ".code",
            "\"docker.io/Library/Nginx\" is not an OCI image reference " + IMAGE_EXAMPLE),
        set(
            "two tags",
            WEB + "/code",
            "\"nginx:latest:extra\"",
            WEB_PATH + ".code",
            "\"nginx:latest:extra\" is not an OCI image reference " + IMAGE_EXAMPLE),
        set(
            "empty container code",
            WEB + "/code",
            "\"\"",
            WEB_PATH + ".code",
            "must not be empty: give an OCI image reference " + IMAGE_EXAMPLE),
        set(
            "kernel not tar.gz",
            CACHE + "/code",
            "\"https://k.example.com/cache.zip, file:///srv/kernels/cache_arm.tar.gz\"",
            CACHE_PATH + ".code",
            "\"https://k.example.com/cache.zip\" is not an http(s) or file URL of a .tar.gz kernel"),
        set(
            "kernel over ftp",
            CACHE + "/code",
            "\"ftp://k.example.com/a.tar.gz,file:///srv/b.tar.gz\"",
            CACHE_PATH + ".code",
            "\"ftp://k.example.com/a.tar.gz\" is not an http(s) or file URL of a .tar.gz kernel"),
        drop(
            "unikernel without arch",
            CACHE + "/arch",
            CACHE_PATH + ".arch",
            "is required for unikernels: give one architecture per code entry (" + ARCHES + ")"),
        set(
                "fewer arch than code",
                CACHE + "/arch",
                "[\"amd64\"]",
                CACHE_PATH + ".arch",
                "lists 1 architecture for 2 code entries: give one per code entry, in the same"
                    + " order")
            .beyondSchema(),
        set(
            "unknown arch",
            CACHE + "/arch/1",
            "\"x86\"",
            CACHE_PATH + ".arch[1]",
            "\"x86\" is not an architecture: use " + ARCHES),
        set(
            "three-part port",
            WEB + "/port",
            "\"80:80:80\"",
            WEB_PATH + ".port",
            "\"80:80:80\" is not host[:container][/tcp|udp]"),
        set(
            "port too high",
            WEB + "/port",
            "\"70000:80\"",
            WEB_PATH + ".port",
            "port 70000 is outside 1..65535"),
        set("port zero", WEB + "/port", "\"0\"", WEB_PATH + ".port", "port 0 is outside 1..65535"),
        set(
            "sctp port",
            WEB + "/port",
            "\"80/sctp\"",
            WEB_PATH + ".port",
            "\"80/sctp\" has protocol \"sctp\": use tcp or udp"),
        set(
                "host port twice",
                WEB + "/port",
                "\"80;80:81\"",
                WEB_PATH + ".port",
                "host port 80/tcp is published twice")
            .beyondSchema(),
        set(
            "numeric port",
            WEB + "/port",
            "80",
            WEB_PATH + ".port",
            "must be a string, not a number"));
  }

  private static List<InvalidCase> addresses() {
    String rrIp = WEB + "/addresses/rr_ip";
    String rrIpPath = WEB_PATH + ".addresses.rr_ip";
    return List.of(
        set(
            "rr_ip outside range",
            rrIp,
            "\"192.168.178.4\"",
            rrIpPath,
            "192.168.178.4 is outside 10.30.0.0/16, the range service addresses are given from"),
        set(
            "rr_ip network address",
            rrIp,
            "\"10.30.0.0\"",
            rrIpPath,
            "10.30.0.0 is the network address of 10.30.0.0/16, not a host address"),
        set(
            "rr_ip broadcast address",
            rrIp,
            "\"10.30.255.255\"",
            rrIpPath,
            "10.30.255.255 is the broadcast address of 10.30.0.0/16, not a host address"),
        set(
            "rr_ip three octets",
            rrIp,
            "\"10.30.1\"",
            rrIpPath,
            "\"10.30.1\" is not an IPv4 address"),
        set(
            "rr_ip leading zero",
            rrIp,
            "\"10.30.01.1\"",
            rrIpPath,
            "\"10.30.01.1\" is not an IPv4 address"),
        set(
                "rr_ip_v6 two double colons",
                WEB + "/addresses/rr_ip_v6",
                "\"fdff::2000::1\"",
                WEB_PATH + ".addresses.rr_ip_v6",
                "\"fdff::2000::1\" is not an IPv6 address")
            .beyondSchema(),
        set(
                "closest_ip a word",
                WEB + "/addresses/closest_ip",
                "\"near\"",
                WEB_PATH + ".addresses.closest_ip",
                "\"near\" is not an IP address")
            .beyondSchema(),
        set(
            "instance range a string",
            WEB + "/addresses/instances/0",
            "\"10.30.0.20\"",
            WEB_PATH + ".addresses.instances[0]",
            "must be an object, not a string"),
        set(
            "addresses a string",
            WEB + "/addresses",
            "\"10.30.0.10\"",
            WEB_PATH + ".addresses",
            "must be an object, not a string"));
  }
}
