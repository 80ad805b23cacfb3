package io.canopy.cluster.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.cluster.ClusterLoop;
import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.web.ApiProblem;
import io.canopy.wire.node.NodeRegistration;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Worker admission: join tokens for the cluster admin, registration for workers. */
@RestController
@RequestMapping("/api/node")
class NodeController {
  private final AdminToken admin;
  private final JoinTokens tokens;
  private final NodeRegistrar registrar;
  private final ClusterLoop loop;
  private final ClusterProperties properties;

  NodeController(
      AdminToken admin,
      JoinTokens tokens,
      NodeRegistrar registrar,
      ClusterLoop loop,
      ClusterProperties properties) {
    this.admin = admin;
    this.tokens = tokens;
    this.registrar = registrar;
    this.loop = loop;
    this.properties = properties;
  }

  record TokenCreated(
      @JsonProperty("token") String token,
      @JsonProperty("expires_at") Instant expiresAt,
      @JsonProperty("install_command") String installCommand) {}

  @PostMapping("/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  TokenCreated createToken(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      HttpServletRequest request) {
    String bearer =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7).strip()
            : null;
    if (!admin.matches(bearer)) {
      throw ApiProblem.unauthorized(
          "creating join tokens needs 'Authorization: Bearer <cluster admin token>'");
    }
    JoinTokens.Issued issued = tokens.create();
    String host =
        properties.publicAddress() != null && !properties.publicAddress().isBlank()
            ? properties.publicAddress()
            : request.getServerName();
    String clusterUrl = request.getScheme() + "://" + host + ":" + request.getServerPort();
    return new TokenCreated(
        issued.token(),
        issued.expiresAt(),
        "java -jar node-engine-all.jar --cluster-url "
            + clusterUrl
            + " --join-token "
            + issued.token());
  }

  @PostMapping("/register")
  NodeRegistration.Accepted register(
      @RequestBody NodeRegistration registration, HttpServletRequest request) {
    if (registration == null) {
      throw ApiProblem.badRequest("a NodeRegistration body is required");
    }
    String host = request.getServerName();
    return loop.call(() -> registrar.register(registration, host));
  }
}
