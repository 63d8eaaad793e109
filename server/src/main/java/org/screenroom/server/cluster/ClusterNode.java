package org.screenroom.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.regex.Pattern;
import org.screenroom.server.config.ClusterConfig;

/**
 * Joins this process to the cluster of servers and workers: a Hazelcast cluster manager over
 * TCP/IP to the configured members (multicast and auto-detection off, so a member only ever
 * talks to the machines it was given), and Vert.x's clustered event bus on the same address.
 */
public final class ClusterNode {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ClusterNode() {}

  /**
   * Hazelcast's configuration for {@code c}: Vert.x's default maps, the member list, and short
   * timeouts so that a member that died is noticed in seconds rather than a minute.
   */
  public static Config hazelcast(ClusterConfig c) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("screenroom");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    // A killed member is declared gone after this long without a heartbeat.
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    // The process closes Vert.x, which leaves the cluster cleanly; Hazelcast's own hook would
    // leave first and strand the event bus.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member that finds nobody at the listed addresses starts a cluster of its own after this
    // long rather than Hazelcast's 20 s, and such clusters merge within seconds once they see
    // each other (Hazelcast waits 5 minutes by default).
    config.setProperty("hazelcast.max.join.seconds", "4");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    // A few members and small maps (event bus subscriptions): a small table is set up at once.
    config.setProperty("hazelcast.partition.count", "23");
    NetworkConfig net = config.getNetworkConfig();
    net.setPort(c.port()).setPortAutoIncrement(false);
    if (IPV4.matcher(c.host()).matches()) {
      net.getInterfaces().setEnabled(true).addInterface(c.host());
      config.setProperty("hazelcast.socket.bind.any", "false");
    } else {
      net.setPublicAddress(c.host() + ":" + c.port());
    }
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
        .setMembers(c.members());
    return config;
  }

  /**
   * Points {@code options}' event bus at this member's address and makes the cluster manager
   * for {@code c}, to hand to {@code Vertx.builder().withClusterManager(..).buildClustered()}.
   * Its node id names this member; its Hazelcast instance tells who left.
   */
  public static HazelcastClusterManager prepare(VertxOptions options, ClusterConfig c) {
    options.getEventBusOptions().setHost(c.host()).setPort(0);
    return new HazelcastClusterManager(hazelcast(c));
  }
}
