package org.screenroom.server.cli;

import java.util.Map;
import org.screenroom.server.config.ConfigLoader;
import org.screenroom.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the configuration for a command and logs the effective values once. */
final class ConfigLogging {
  private static final Logger LOG = LoggerFactory.getLogger("screenroom.config");

  private ConfigLogging() {}

  static ServerConfig load(Map<String, String> flags) {
    Map<String, String> env = System.getenv();
    ServerConfig config = ConfigLoader.load(flags, env, ConfigLoader.readFile(flags, env));
    StringBuilder out = new StringBuilder("effective configuration:");
    config.describe().forEach((k, v) -> out.append("\n  ").append(k).append(" = ").append(v));
    LOG.info(out.toString());
    return config;
  }
}
