package org.screenroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment's compose file ({@code deploy/compose.yaml}) against the configuration the jar
 * accepts. No container engine runs in these tests, so this is what catches a compose file that
 * names an unknown key, gives a value the server refuses at start-up, or wires the members so
 * they cannot work together (workers on other storage than the origins, origins that do not trust
 * the balancer in front of them, a cluster list missing a member).
 */
class ComposeFileTest {
  private static final Path COMPOSE = Path.of("..", "deploy", "compose.yaml");
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws Exception {
    try (Reader r = Files.newBufferedReader(COMPOSE)) {
      // SnakeYAML resolves the anchors and "<<" merges, as compose does.
      Map<String, Object> doc = new Yaml().load(r);
      services = (Map<String, Map<String, Object>>) doc.get("services");
    }
  }

  /** The services that run the Screenroom image, with the command each runs. */
  static Stream<String> screenroomServices() throws Exception {
    read();
    return services.entrySet().stream()
        .filter(e -> "screenroom:latest".equals(e.getValue().get("image")))
        .map(Map.Entry::getKey);
  }

  @Test
  void runsTwoOriginsAndTwoWorkers() throws Exception {
    assertThat(screenroomServices().filter(s -> command(s).get(0).equals("serve"))).hasSize(2);
    assertThat(screenroomServices().filter(s -> command(s).get(0).equals("worker"))).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("screenroomServices")
  void everyKeyIsKnown_andTheServerAcceptsTheValues(String service) {
    Map<String, String> env = env(service);
    assertThat(env.keySet()).as("SCREENROOM_ variables of %s", service)
        .allSatisfy(name -> assertThat(ConfigLoader.KEYS.stream().map(ConfigLoader::envName))
            .contains(name));
    Map<String, String> flags = flags(service);
    assertThat(flags.keySet()).isSubsetOf(ConfigLoader.KEYS);

    assertThatCode(() -> ConfigLoader.load(flags, env, Map.of())).doesNotThrowAnyException();
    ServerConfig config = ConfigLoader.load(flags, env, Map.of());
    assertThat(config.cluster()).as("%s joins the cluster", service).isPresent();
    assertThat(config.cluster().orElseThrow().host()).isEqualTo(service);
    assertThat(config.cluster().orElseThrow().members())
        .as("the cluster list names %s at its port", service)
        .contains(service + ":" + config.cluster().orElseThrow().port());
  }

  @ParameterizedTest
  @MethodSource("screenroomServices")
  void everyMemberUsesTheOriginsCatalogAndStorage(String service) {
    Map<String, String> origin = env("origin1");
    Map<String, String> mine = env(service);
    List<String> shared = new ArrayList<>();
    origin.keySet().stream()
        .filter(k -> k.startsWith("SCREENROOM_DB_") || k.startsWith("SCREENROOM_S3_")
            || k.equals("SCREENROOM_STORAGE") || k.equals("SCREENROOM_CLUSTER"))
        .forEach(shared::add);
    assertThat(shared).contains("SCREENROOM_DB_URL", "SCREENROOM_STORAGE",
        "SCREENROOM_S3_BUCKET");
    for (String key : shared) {
      assertThat(mine.get(key)).as("%s of %s", key, service).isEqualTo(origin.get(key));
    }
    assertThat(flags(service).get("data")).isEqualTo("/data");
  }

  @Test
  void theOriginsTrustTheBalancer_whichForwardsTheClientAddress() {
    Map<String, Object> lb = services.get("lb");
    assertThat(lb.get("networks")).as("the balancer has a fixed address the origins can trust")
        .isNotNull();
    String address = (String) ((Map<?, ?>) ((Map<?, ?>) lb.get("networks")).get("default"))
        .get("ipv4_address");
    for (String origin : List.of("origin1", "origin2")) {
      ServerConfig config = ConfigLoader.load(flags(origin), env(origin), Map.of());
      assertThat(config.access().trustedProxies().trusts(address)).as(origin).isTrue();
      assertThat(config.access().trustedProxies().trusts("172.30.0.99"))
          .as("%s trusts only the balancer, not every member", origin).isFalse();
    }
  }

  @Test
  void theBalancerSendsToEveryOrigin_andForwardsTheClientAddress() throws Exception {
    String yaml = Files.readString(COMPOSE);
    for (String origin : List.of("origin1", "origin2")) {
      int port = Integer.parseInt(flags(origin).get("port"));
      assertThat(yaml).contains("server " + origin + ":" + port);
    }
    assertThat(yaml).contains("proxy_set_header X-Forwarded-For");
  }

  private static List<String> command(String service) {
    @SuppressWarnings("unchecked")
    List<String> command = (List<String>) services.get(service).get("command");
    return command;
  }

  /** The command's {@code --key value} pairs. */
  private static Map<String, String> flags(String service) {
    List<String> command = command(service);
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 1; i + 1 < command.size(); i += 2) {
      assertThat(command.get(i)).as("%s: %s", service, command).startsWith("--");
      flags.put(command.get(i).substring(2), command.get(i + 1));
    }
    return flags;
  }

  private static Map<String, String> env(String service) {
    Map<String, String> env = new HashMap<>();
    ((Map<?, ?>) services.get(service).get("environment"))
        .forEach((k, v) -> env.put(k.toString(), v.toString()));
    return env;
  }
}
