package org.screenroom.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {
  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of(List.of(), List.of("serve")),
        Arguments.of(List.of("--port", "0"), List.of("serve", "--port", "0")),
        Arguments.of(List.of("--data=/srv", "--demo"), List.of("serve", "--data=/srv", "--demo")),
        Arguments.of(List.of("serve", "--port", "0"), List.of("serve", "--port", "0")),
        Arguments.of(List.of("ingest", "f"), List.of("ingest", "f")),
        Arguments.of(List.of("help", "serve"), List.of("help", "serve")),
        Arguments.of(List.of("--help"), List.of("--help")),
        Arguments.of(List.of("-h"), List.of("-h")),
        Arguments.of(List.of("-V"), List.of("-V")),
        Arguments.of(List.of("--version"), List.of("--version")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("commandLines")
  void withDefaultCommand_prependsServeOnlyWhenNoCommandIsNamed(List<String> args,
      List<String> expected) {
    assertThat(Main.withDefaultCommand(args.toArray(String[]::new))).containsExactlyElementsOf(expected);
  }

  @Test
  void withDefaultCommand_returnsACopy_soTheCallersArrayIsUntouched() {
    String[] args = {"ingest", "f"};

    String[] out = Main.withDefaultCommand(args);
    out[0] = "changed";

    assertThat(args).containsExactly("ingest", "f");
  }
}
