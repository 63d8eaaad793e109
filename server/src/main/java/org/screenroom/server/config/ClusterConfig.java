package org.screenroom.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How this process joins the cluster of servers and transcode workers (a Hazelcast cluster over
 * TCP/IP, multicast off), validated by {@link ConfigLoader}.
 *
 * @param members the members to reach at start, {@code HOST:PORT} each (this one may be listed)
 * @param host the address this member binds and the others reach it at
 * @param port the cluster port this member listens on
 * @param lease how long a worker holds a running job without a word before it is queued again
 */
public record ClusterConfig(List<String> members, String host, int port, Duration lease) {
  /** DEFAULT of {@code cluster-port}: Hazelcast's own. */
  public static final int DEFAULT_PORT = 5701;
  /** DEFAULT of {@code cluster-lease}. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** Copies the members. */
  public ClusterConfig {
    members = List.copyOf(members);
  }

  /** Adds the printable settings to {@code out}. */
  void describe(Map<String, String> out) {
    out.put("cluster", String.join(",", members));
    out.put("cluster-host", host);
    out.put("cluster-port", Integer.toString(port));
    out.put("cluster-lease", lease.toString());
  }
}
