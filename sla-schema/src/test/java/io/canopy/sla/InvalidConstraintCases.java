package io.canopy.sla;

import static io.canopy.sla.InvalidCase.drop;
import static io.canopy.sla.InvalidCase.set;

import java.util.List;

/** Invalid constraints, connectivity and volumes, as edits of full_featured.json's web service. */
final class InvalidConstraintCases {
  private static final String WEB = "/applications/0/microservices/0";
  private static final String WEB_PATH = "$.applications[0].microservices[0]";
  private static final String DIRECT = WEB + "/constraints/0";
  private static final String CLUSTERS = WEB + "/constraints/1";
  private static final String LATENCY = WEB + "/constraints/2";
  private static final String GEO = WEB + "/constraints/3";
  private static final String DIRECT_PATH = WEB_PATH + ".constraints[0]";
  private static final String CLUSTERS_PATH = WEB_PATH + ".constraints[1]";
  private static final String LATENCY_PATH = WEB_PATH + ".constraints[2]";
  private static final String GEO_PATH = WEB_PATH + ".constraints[3]";

  private InvalidConstraintCases() {}

  static List<InvalidCase> all() {
    return List.of(
        set(
            "unknown constraint type",
            DIRECT + "/type",
            "\"nearby\"",
            DIRECT_PATH + ".type",
            "\"nearby\" is not a constraint type: use direct, clusters, latency or geo"),
        drop("constraint without type", DIRECT + "/type", DIRECT_PATH + ".type", "is required"),
        set(
            "direct without target",
            DIRECT,
            "{\"type\":\"direct\"}",
            DIRECT_PATH,
            "a direct constraint needs node (\"worker1;worker2\") and/or cluster"),
        set(
            "direct empty worker",
            DIRECT + "/node",
            "\"edge1;;edge2\"",
            DIRECT_PATH + ".node",
            "\"edge1;;edge2\" has an empty worker name: use a;b;c"),
        set(
            "clusters empty",
            CLUSTERS + "/allowed",
            "[]",
            CLUSTERS_PATH + ".allowed",
            "must list at least one cluster"),
        drop(
            "clusters without allowed",
            CLUSTERS + "/allowed",
            CLUSTERS_PATH + ".allowed",
            "is required for a clusters constraint: list the cluster names"),
        set(
            "clusters allowed string",
            CLUSTERS + "/allowed",
            "\"munich\"",
            CLUSTERS_PATH + ".allowed",
            "must be an array, not a string"),
        drop(
            "latency without area",
            LATENCY + "/area",
            LATENCY_PATH + ".area",
            "is required for a latency constraint"),
        drop(
            "latency without threshold",
            LATENCY + "/threshold",
            LATENCY_PATH + ".threshold",
            "is required for a latency constraint (milliseconds)"),
        set(
            "rigidness above 1",
            LATENCY + "/rigidness",
            "1.5",
            LATENCY_PATH + ".rigidness",
            "must be at most 1, not 1.5"),
        set(
            "negative threshold",
            LATENCY + "/threshold",
            "-5",
            LATENCY_PATH + ".threshold",
            "must be 0 or more, not -5"),
        set(
            "geo two numbers",
            GEO + "/location",
            "\"48.1,11.5\"",
            GEO_PATH + ".location",
            "\"48.1,11.5\" is not lat,long,radius_km"),
        set(
                "geo latitude",
                GEO + "/location",
                "\"95,11.5,10\"",
                GEO_PATH + ".location",
                "latitude 95 is outside -90..90")
            .beyondSchema(),
        set(
                "geo longitude",
                GEO + "/location",
                "\"48,200,10\"",
                GEO_PATH + ".location",
                "longitude 200 is outside -180..180")
            .beyondSchema(),
        set(
                "geo zero radius",
                GEO + "/location",
                "\"48,11,0\"",
                GEO_PATH + ".location",
                "radius 0 km must be greater than 0")
            .beyondSchema(),
        set(
            "geo without place",
            GEO,
            "{\"type\":\"geo\"}",
            GEO_PATH,
            "a geo constraint needs location (\"lat,long,radius_km\") or area"),
        set(
            "numeric link target",
            WEB + "/connectivity/0/target_microservice_id",
            "1",
            WEB_PATH + ".connectivity[0].target_microservice_id",
            "must be a string, not a number"),
        drop(
            "link without target",
            WEB + "/connectivity/0/target_microservice_id",
            WEB_PATH + ".connectivity[0].target_microservice_id",
            "is required"),
        drop(
            "link constraint without type",
            WEB + "/connectivity/0/con_constraints/0/type",
            WEB_PATH + ".connectivity[0].con_constraints[0].type",
            "is required"),
        drop(
            "volume without id",
            WEB + "/volumes/0/volume_id",
            WEB_PATH + ".volumes[0].volume_id",
            "is required"),
        set(
            "volume empty driver",
            WEB + "/volumes/0/csi_driver",
            "\"\"",
            WEB_PATH + ".volumes[0].csi_driver",
            "must not be empty"),
        set(
            "volume relative mount",
            WEB + "/volumes/0/mount_path",
            "\"data\"",
            WEB_PATH + ".volumes[0].mount_path",
            "\"data\" is not an absolute path"),
        set(
            "volume config array",
            WEB + "/volumes/0/config",
            "[]",
            WEB_PATH + ".volumes[0].config",
            "must be an object, not an array"));
  }
}
