package io.canopy.cluster;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the cluster orchestrator is configured with ({@code canopy.cluster.*}).
 *
 * @param rootUrl the root orchestrator, e.g. {@code http://10.0.0.1:10000}
 * @param registrationToken a cluster registration token from the root; used only until the cluster
 *     has an id and credential in its data dir
 * @param name the cluster's name, unique at the root
 * @param location {@code "lat,long"}
 * @param dataDir where the identity, the admin token and the embedded store are kept
 * @param publicAddress the host workers reach this machine at; handed out in the MQTT URL of the
 *     embedded broker (default: the host name the worker used to register)
 */
@ConfigurationProperties("canopy.cluster")
public record ClusterProperties(
    String rootUrl,
    String registrationToken,
    @DefaultValue("cluster-1") String name,
    @DefaultValue("0,0") String location,
    @DefaultValue("./var/cluster") Path dataDir,
    String publicAddress,
    @DefaultValue Mqtt mqtt,
    @DefaultValue Timing timing) {

  /**
   * @param url an external broker ({@code tcp://host:1883}); blank starts the embedded broker
   * @param username the cluster's own user at an external broker
   * @param password its password
   * @param workerUrl the broker URL handed to workers when it differs from {@code url}
   * @param embeddedPort where the embedded broker listens
   * @param passwordFile with an external Mosquitto: the {@code password_file} the cluster keeps
   *     with every worker's password (and its own user's); unset: the operator provisions users
   * @param reloadCommand run after each change of the password file, e.g. {@code kill -HUP $(pidof
   *     mosquitto)}
   */
  public record Mqtt(
      String url,
      String username,
      String password,
      String workerUrl,
      @DefaultValue("10003") int embeddedPort,
      Path passwordFile,
      String reloadCommand) {

    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  /**
   * The clocks of the cluster; the defaults are the production values, tests shorten them.
   *
   * @param workerReportInterval how often workers report (handed to them at registration)
   * @param missedReports reports in a row a worker may miss before it counts as lost
   * @param startupGrace how long after the cluster starts a worker not yet heard from keeps its
   *     instances (its MQTT client may need a while to reconnect, e.g. to a restarted embedded
   *     broker)
   * @param workerRestartGrace how long a worker whose engine said it was stopping (a restart, an
   *     upgrade; its instances keep running) keeps its instances before it counts as lost
   * @param resourcesInterval how often the cluster reports to the root
   * @param nodeScheduledTimeout how long a worker may take to begin creating an instance
   * @param creatingTimeout how long creating may take, image pull included
   * @param restartInitialBackoff first wait before restarting a DEAD instance
   * @param restartMaxBackoff longest wait between restarts
   * @param restartMaxFailures failures within the window after which it is moved elsewhere
   * @param restartWindow the window failures are counted in
   * @param reconnectMin first wait before reconnecting to the root
   * @param reconnectMax longest wait between reconnects
   * @param joinTokenTtl how long a worker join token stays valid
   * @param logsTimeout how long a logs request waits for the worker
   */
  public record Timing(
      @DefaultValue("2s") Duration workerReportInterval,
      @DefaultValue("3") int missedReports,
      @DefaultValue("30s") Duration startupGrace,
      @DefaultValue("60s") Duration workerRestartGrace,
      @DefaultValue("2s") Duration resourcesInterval,
      @DefaultValue("30s") Duration nodeScheduledTimeout,
      @DefaultValue("5m") Duration creatingTimeout,
      @DefaultValue("1s") Duration restartInitialBackoff,
      @DefaultValue("30s") Duration restartMaxBackoff,
      @DefaultValue("5") int restartMaxFailures,
      @DefaultValue("5m") Duration restartWindow,
      @DefaultValue("1s") Duration reconnectMin,
      @DefaultValue("30s") Duration reconnectMax,
      @DefaultValue("24h") Duration joinTokenTtl,
      @DefaultValue("8s") Duration logsTimeout) {}
}
