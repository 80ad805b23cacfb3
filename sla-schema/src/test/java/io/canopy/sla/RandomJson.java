package io.canopy.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Random JSON values and random edits of valid SLAs, biased towards what the validator reads. */
final class RandomJson {
  static final List<String> FIELDS =
      List.of(
          "sla_version",
          "customerID",
          "applications",
          "args",
          "applicationID",
          "application_name",
          "application_namespace",
          "application_desc",
          "microservices",
          "microserviceID",
          "microservice_name",
          "microservice_namespace",
          "virtualization",
          "cmd",
          "environment",
          "memory",
          "vcpus",
          "vgpus",
          "vtpus",
          "bandwidth_in",
          "bandwidth_out",
          "storage",
          "code",
          "arch",
          "state",
          "port",
          "addresses",
          "rr_ip",
          "rr_ip_v6",
          "closest_ip",
          "instances",
          "added_files",
          "one_shot",
          "privileged",
          "constraints",
          "type",
          "node",
          "cluster",
          "allowed",
          "area",
          "threshold",
          "rigidness",
          "convergence_time",
          "location",
          "connectivity",
          "target_microservice_id",
          "con_constraints",
          "volumes",
          "volume_id",
          "csi_driver",
          "mount_path",
          "config",
          "sla_violation_strategy",
          "target_node");
  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "v2.0",
          "v1.0",
          "container",
          "docker",
          "unikernel",
          "vm",
          "direct",
          "clusters",
          "latency",
          "geo",
          "10.30.0.0",
          "10.30.1.1",
          "10.30.255.255",
          "192.168.1.1",
          "::1",
          "fdff::1",
          "80:80:80",
          "80:8080/tcp;53/udp",
          "0",
          "65536",
          "a;;b",
          "a;b",
          "48,11,5",
          "95,0,1",
          "amd64",
          "arm64",
          "x86",
          "docker.io/library/nginx:latest",
          "https://x.example/k.tar.gz",
          "https://x.example/k.zip",
          "file:///k.tar.gz",
          "KEY=V",
          "=V",
          "web",
          "Web App",
          "a".repeat(31),
          "/data",
          "data",
          "\u0000",
          "\uD83D\uDE00",
          "null",
          "{}");
  private static final List<Double> NUMBERS =
      List.of(0.0, -1.0, 1.0, 0.5, 1.5, -0.0, 65535.0, 2147483648.0, 1e19, 1e308, -1e308);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // networknt's validator throws on "integer" values beyond the long range, so documents meant
  // for the schema stay inside it; they also keep to ASCII, where Java's and ECMA's \\s agree.
  private static final List<Double> SCHEMA_SAFE_NUMBERS =
      NUMBERS.stream().filter(d -> Math.abs(d) < 9e18).toList();

  private final Random random;
  private final boolean forSchema;

  /**
   * @param forSchema whether the documents will be given to the JSON Schema validator too
   */
  RandomJson(long seed, boolean forSchema) {
    this.random = new Random(seed);
    this.forSchema = forSchema;
  }

  RandomJson(long seed) {
    this(seed, false);
  }

  private double number() {
    List<Double> pool = forSchema ? SCHEMA_SAFE_NUMBERS : NUMBERS;
    return pool.get(random.nextInt(pool.size()));
  }

  String text(int maxLength) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    String alphabet = "{}[]\":,0123456789.-+eEtrufalsn \\/ab";
    for (int i = 0; i < length; i++) {
      s.append(
          random.nextInt(4) == 0
              ? (char) random.nextInt(0x3000)
              : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  String asciiText(int maxLength) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      s.append((char) (0x21 + random.nextInt(0x5e)));
    }
    return s.toString();
  }

  JsonNode value(int depth) {
    int kind = random.nextInt(depth <= 0 ? 5 : 7);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 ->
          random.nextBoolean() ? NODES.numberNode(number()) : NODES.numberNode(random.nextLong());
      case 3 -> NODES.stringNode(STRINGS.get(random.nextInt(STRINGS.size())));
      case 4 -> NODES.stringNode(forSchema ? asciiText(20) : text(20));
      case 5 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(value(depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          object.set(FIELDS.get(random.nextInt(FIELDS.size())), value(depth - 1));
        }
        yield object;
      }
    };
  }

  /** One to three random edits of {@code doc}, in place. */
  void mutate(ObjectNode doc) {
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      List<JsonNode[]> slots = new ArrayList<>();
      collect(doc, slots);
      if (slots.isEmpty()) {
        doc.set(FIELDS.get(random.nextInt(FIELDS.size())), value(2));
        continue;
      }
      JsonNode[] slot = slots.get(random.nextInt(slots.size()));
      JsonNode parent = slot[0];
      String key = slot[1].stringValue();
      switch (random.nextInt(5)) {
        case 0 -> remove(parent, key);
        case 1 -> put(parent, key, value(2));
        case 2 -> put(parent, key, NODES.stringNode(STRINGS.get(random.nextInt(STRINGS.size()))));
        case 3 -> put(parent, key, NODES.numberNode(number()));
        default -> {
          if (parent instanceof ObjectNode object) {
            object.set(FIELDS.get(random.nextInt(FIELDS.size())), value(1));
          }
        }
      }
    }
  }

  /** {@code text} cut at a random point. */
  String truncate(String text) {
    return text.substring(0, random.nextInt(text.stripTrailing().length()));
  }

  private static void collect(JsonNode node, List<JsonNode[]> slots) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        slots.add(new JsonNode[] {object, NODES.stringNode(name)});
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new JsonNode[] {array, NODES.stringNode(Integer.toString(i))});
        collect(array.get(i), slots);
      }
    }
  }

  private static void remove(JsonNode parent, String key) {
    if (parent instanceof ObjectNode object) {
      object.remove(key);
    } else {
      ((ArrayNode) parent).remove(Integer.parseInt(key));
    }
  }

  private static void put(JsonNode parent, String key, JsonNode value) {
    if (parent instanceof ObjectNode object) {
      object.set(key, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(key), value);
    }
  }
}
