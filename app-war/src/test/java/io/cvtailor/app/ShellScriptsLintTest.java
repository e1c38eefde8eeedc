package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ShellCheck over every shell script of the project: the launcher, {@code scripts/*.sh} and the CI
 * entry {@code .ci/run}, at its default severity (style and up), following sourced files. A finding
 * fails the build; a deliberate exception is a {@code # shellcheck disable=SCnnnn # why} line next
 * to the code. ShellCheck is Debian's {@code shellcheck}, which {@code ./cvtailor test} installs.
 */
class ShellScriptsLintTest {

  @Test
  void everyShellScriptPassesShellCheck() throws Exception {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    List<String> scripts = new ArrayList<>(List.of("cvtailor", ".ci/run"));
    try (Stream<Path> files = Files.list(root.resolve("scripts"))) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".sh"))
          .sorted()
          .forEach(f -> scripts.add(root.relativize(f).toString()));
    }
    assertThat(scripts).hasSizeGreaterThan(3).allSatisfy(s -> assertThat(root.resolve(s)).exists());

    List<String> command =
        new ArrayList<>(List.of("shellcheck", "--external-sources", "-f", "gcc"));
    command.addAll(scripts);
    Process shellcheck;
    try {
      shellcheck =
          new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "shellcheck is missing: apt-get install shellcheck (./cvtailor test installs it)", e);
    }
    String findings = new String(shellcheck.getInputStream().readAllBytes());
    int exit = shellcheck.waitFor();

    assertThat(findings).as("shellcheck findings in %s", scripts).isEmpty();
    assertThat(exit).isZero();
  }
}
