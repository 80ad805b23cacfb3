package io.canopy.sla;

/** {@code volumes[]}: a CSI volume needs its id and driver; a mount path is absolute. */
final class VolumeRules {
  private VolumeRules() {}

  static void check(Fields volume) {
    required(volume, "volume_id");
    required(volume, "csi_driver");
    String mountPath = volume.string("mount_path", false);
    if (mountPath != null && !mountPath.startsWith("/")) {
      volume.fail("mount_path", "\"" + mountPath + "\" is not an absolute path");
    }
    volume.object("config", false);
  }

  private static void required(Fields volume, String field) {
    String value = volume.string(field, true);
    if (value != null && value.isBlank()) {
      volume.fail(field, "must not be empty");
    }
  }
}
