package io.canopy.root.channel;

import io.canopy.root.cluster.ClusterProperties;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.root.web.ProblemType;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/** Log requests on their way through a cluster to a worker, matched to answers by request id. */
@Component
public class LogsRequests {
  private final ClusterSessions sessions;
  private final ClusterProperties properties;
  private final Map<String, CompletableFuture<ClusterMessage.LogsResult>> waiting =
      new ConcurrentHashMap<>();

  LogsRequests(ClusterSessions sessions, ClusterProperties properties) {
    this.sessions = sessions;
    this.properties = properties;
  }

  /** The last {@code lines} lines, or a 503/504/502 problem when the cluster cannot answer. */
  public ClusterMessage.LogsResult fetch(String clusterId, String instanceId, int lines) {
    String requestId = Ids.newId();
    CompletableFuture<ClusterMessage.LogsResult> answer = new CompletableFuture<>();
    waiting.put(requestId, answer);
    try {
      if (!sessions.send(clusterId, new RootCommand.FetchLogs(requestId, instanceId, lines))) {
        throw new ApiProblem(
            ProblemType.CLUSTER_UNREACHABLE,
            "the instance's cluster is not connected; try again when it is");
      }
      return answer.get(properties.logsTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ApiProblem(
          ProblemType.CLUSTER_TIMEOUT,
          "the cluster did not send the logs within "
              + properties.logsTimeout().toSeconds()
              + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiProblem(ProblemType.CLUSTER_TIMEOUT, "interrupted while waiting for the logs");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      waiting.remove(requestId);
    }
  }

  void answered(ClusterMessage.LogsResult result) {
    CompletableFuture<ClusterMessage.LogsResult> f = waiting.get(result.requestId());
    if (f != null) {
      f.complete(result);
    }
  }
}
