package io.canopy.cluster.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.canopy.cluster.node.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded broker's authentication and ACLs: the cluster with its internal credential may do
 * anything; a worker connects with its node id and registration password and may only publish its
 * own reports, instance messages, liveness and replies and subscribe to its own commands and net
 * tables. Everything else is denied.
 */
final class BrokerAuth implements ExtensionMain, SimpleAuthenticator {
  private final String clusterUser;
  private final String clusterPassword;
  private final Function<String, Optional<String>> passwordHashOf;

  /**
   * @param passwordHashOf a node id's current MQTT password hash, empty for an unknown node
   */
  BrokerAuth(
      String clusterUser,
      String clusterPassword,
      Function<String, Optional<String>> passwordHashOf) {
    this.clusterUser = clusterUser;
    this.clusterPassword = clusterPassword;
    this.passwordHashOf = passwordHashOf;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> this);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    String user = input.getConnectPacket().getUserName().orElse(null);
    String password = input.getConnectPacket().getPassword().map(BrokerAuth::text).orElse(null);
    if (user == null || password == null) {
      output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "credentials needed");
      return;
    }
    ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
    permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    if (user.equals(clusterUser) && Secrets.same(password, clusterPassword)) {
      permissions.add(allow("#", TopicPermission.MqttActivity.ALL));
      output.authenticateSuccessfully();
      return;
    }
    boolean worker =
        passwordHashOf
            .apply(user)
            .map(hash -> Secrets.same(hash, Secrets.sha256(password)))
            .orElse(false);
    if (!worker) {
      output.failAuthentication(
          ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown node or wrong password");
      return;
    }
    String own = "nodes/" + user + "/";
    for (String topic : new String[] {"report", "instances/+", "liveness", "replies"}) {
      permissions.add(allow(own + topic, TopicPermission.MqttActivity.PUBLISH));
    }
    permissions.add(allow(own + "commands", TopicPermission.MqttActivity.SUBSCRIBE));
    permissions.add(allow(own + "net/#", TopicPermission.MqttActivity.SUBSCRIBE));
    output.authenticateSuccessfully();
  }

  private static TopicPermission allow(String filter, TopicPermission.MqttActivity activity) {
    return Builders.topicPermission()
        .topicFilter(filter)
        .type(TopicPermission.PermissionType.ALLOW)
        .activity(activity)
        .build();
  }

  private static String text(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
