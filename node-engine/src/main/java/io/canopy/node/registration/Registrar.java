package io.canopy.node.registration;

import io.canopy.node.config.NoTls;
import io.canopy.wire.WireJson;
import io.canopy.wire.node.Fingerprint;
import io.canopy.wire.node.NodeRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the worker with its cluster ({@code POST /api/node/register}). A worker that has an
 * identity on disk re-registers with its id (so it keeps it) and, when the cluster cannot be
 * reached, goes on with the stored credentials rather than waiting: its workloads keep running and
 * MQTT may well be up. A new worker retries until the cluster answers. Used once at start: close it
 * afterwards, so the HTTP client's selector and worker threads do not idle for the engine's life.
 */
public final class Registrar implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Registrar.class);

  private final URI registerUri;
  private final String joinToken;
  private final String name;
  private final IdentityStore store;
  private final HttpClient http;

  public Registrar(URI clusterUrl, String joinToken, String name, IdentityStore store) {
    this.registerUri = URI.create(clusterUrl + "/api/node/register");
    this.joinToken = joinToken;
    this.name = name;
    this.store = store;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if ("http".equals(clusterUrl.getScheme())) {
      builder.sslContext(NoTls.context()); // plain HTTP: spare the device the CA store
    }
    this.http = builder.build();
  }

  /**
   * @param keepTrying false once the engine is closing
   * @throws RegistrationRefused when the cluster refuses a worker without a stored identity
   */
  public NodeRegistration.Accepted register(Fingerprint fingerprint, BooleanSupplier keepTrying) {
    Optional<NodeRegistration.Accepted> stored = store.load();
    if (stored.isEmpty() && (joinToken == null || joinToken.isBlank())) {
      throw new RegistrationRefused(
          "no join token: give --join-token or CANOPY_JOIN_TOKEN (create one with POST "
              + "/api/node/tokens on the cluster)");
    }
    String knownId = stored.map(NodeRegistration.Accepted::nodeId).orElse(null);
    NodeRegistration body = new NodeRegistration(joinToken, knownId, name, fingerprint);
    long backoffMillis = 500;
    while (true) {
      try {
        NodeRegistration.Accepted accepted = post(body);
        store.save(accepted);
        log.info("registered with {} as node {}", registerUri, accepted.nodeId());
        return accepted;
      } catch (RegistrationRefused refused) {
        if (stored.isPresent()) {
          log.warn("{}; going on with the stored identity {}", refused.getMessage(), knownId);
          return stored.get();
        }
        throw refused;
      } catch (IOException | RuntimeException unreachable) {
        if (stored.isPresent()) {
          log.warn(
              "cluster unreachable ({}); going on with the stored identity {}",
              unreachable.getMessage(),
              knownId);
          return stored.get();
        }
        if (!keepTrying.getAsBoolean()) {
          throw new IllegalStateException("registration abandoned: the engine is closing");
        }
        log.warn(
            "cannot register with {} ({}); retrying in {} ms",
            registerUri,
            unreachable.getMessage(),
            backoffMillis);
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("registration interrupted", e);
      }
    }
  }

  private NodeRegistration.Accepted post(NodeRegistration body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(registerUri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WireJson.mapper().writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      NodeRegistration.Accepted accepted =
          WireJson.mapper().readValue(response.body(), NodeRegistration.Accepted.class);
      if (accepted.nodeId() == null || accepted.nodeId().isBlank()) {
        throw new IOException("the cluster's answer has no node id: " + response.body());
      }
      return accepted;
    }
    if (status >= 400 && status < 500) {
      throw new RegistrationRefused(
          "the cluster refused the registration (HTTP " + status + "): " + response.body());
    }
    throw new IOException("HTTP " + status + " from " + registerUri + ": " + response.body());
  }

  @Override
  public void close() {
    http.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("registration interrupted", e);
    }
  }
}
