package io.canopy.node.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.canopy.node.runtime.docker.CanopyLabels;
import io.canopy.node.runtime.docker.DockerClients;
import io.canopy.testsupport.TestImages;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The Docker engine for tests. Every node id a test uses starts with {@link #NODE_PREFIX}, the test
 * label: cleanup removes exactly the containers carrying such a node id, never anyone else's.
 */
public final class TestDocker {
  public static final String NODE_PREFIX = "ne-test-";
  public static final URI SOCKET = URI.create("unix:///var/run/docker.sock");

  private TestDocker() {}

  /** The busybox test image; fails with a hint when dockerd is not running. */
  public static String image() {
    return TestImages.busybox();
  }

  public static String newNodeId() {
    return NODE_PREFIX + UUID.randomUUID().toString().substring(0, 8);
  }

  public static DockerClient client() {
    return DockerClients.open(SOCKET);
  }

  /** Removes every container of a test node id, running or not. */
  public static void removeTestContainers() {
    try (DockerClient docker = client()) {
      List<Container> all =
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(List.of(CanopyLabels.MANAGED + "=true"))
              .exec();
      for (Container c : all) {
        String node = c.getLabels().get(CanopyLabels.NODE_ID);
        if (node != null && node.startsWith(NODE_PREFIX)) {
          try {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
          } catch (NotFoundException gone) {
            // removed meanwhile
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not clean up test containers: " + e.getMessage(), e);
    }
  }

  public static List<Container> containersOf(DockerClient docker, String nodeId) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(CanopyLabels.NODE_ID + "=" + nodeId))
        .exec();
  }
}
