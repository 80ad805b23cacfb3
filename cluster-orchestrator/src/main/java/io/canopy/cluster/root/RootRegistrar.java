package io.canopy.cluster.root;

import io.canopy.cluster.ClusterProperties;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST {root}/api/clusters/register} with the cluster registration token. */
final class RootRegistrar {
  private final HttpClient http;
  private final ClusterProperties properties;

  RootRegistrar(HttpClient http, ClusterProperties properties) {
    this.http = http;
    this.properties = properties;
  }

  /** Registration the root refused; retrying with the same token will not help. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  ClusterRegistration.Accepted register() throws IOException, InterruptedException, Refused {
    String token = properties.registrationToken();
    if (token == null || token.isBlank()) {
      throw new Refused(
          "the cluster has no identity yet and no canopy.cluster.registration-token to get one");
    }
    ClusterRegistration body =
        new ClusterRegistration(properties.name(), properties.location(), token);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(stripSlash(properties.rootUrl()) + "/api/clusters/register"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WireJson.mapper().writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      return WireJson.mapper().readValue(response.body(), ClusterRegistration.Accepted.class);
    }
    String detail = "the root answered " + status + ": " + response.body();
    if (status == 401 || status == 403 || status == 409 || status == 400) {
      throw new Refused(detail);
    }
    throw new IOException(detail);
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
