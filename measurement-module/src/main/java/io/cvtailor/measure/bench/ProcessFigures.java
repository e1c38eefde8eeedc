package io.cvtailor.measure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Figures of the application process: from its /proc status and its /metrics text. */
final class ProcessFigures {
  static final Pattern RSS_KB = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
  static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");
  static final Pattern USED_HEAP_BYTES =
      Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes\\S*\\s+([0-9.eE+]+)");

  private ProcessFigures() {}

  /** A number from {@code /proc/<pid>/status} (RSS in kB, threads), or -1 when unreadable. */
  static double procStatus(long pid, Pattern pattern) throws IOException {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    return Files.isReadable(status) ? value(pattern, Files.readString(status)) : -1;
  }

  static double rssMb(long pid) throws IOException {
    double kb = procStatus(pid, RSS_KB);
    return kb < 0 ? Double.NaN : kb / 1024.0;
  }

  /**
   * CPU time the process has used so far (user + system, from {@code /proc/<pid>/stat}, in clock
   * ticks of 1/100 s as on Linux), or NaN when unreadable.
   */
  static double cpuSeconds(long pid) throws IOException {
    Path stat = Path.of("/proc", String.valueOf(pid), "stat");
    if (!Files.isReadable(stat)) {
      return Double.NaN;
    }
    String text = Files.readString(stat);
    // the fields after the command name (which may hold spaces) in parentheses
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** The first number the pattern captures in the text, or 0. */
  static double value(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
