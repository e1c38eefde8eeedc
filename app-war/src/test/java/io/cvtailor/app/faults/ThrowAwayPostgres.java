package io.cvtailor.app.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a free port, that the test
 * may stop and start at will (never the shared server other tests and people use). Made with the
 * server's own initdb and pg_ctl; run as the {@code postgres} user when the test runs as root
 * (PostgreSQL refuses to run as root). pgvector is installed system-wide, so CREATE EXTENSION
 * works. {@link #createStandby()} adds a streaming hot standby of it (pg_basebackup -R), which
 * {@link #promote()} turns into a primary (ClusterIT, FailoverIT).
 */
public final class ThrowAwayPostgres implements AutoCloseable {
  public static final String DATABASE = "cvtailor";
  public static final String USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;
  private volatile boolean running;

  private ThrowAwayPostgres(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** A new cluster with the application's database and pgvector in it, left running. */
  public static ThrowAwayPostgres create() throws Exception {
    Path bin = binaries();
    Path dir = Files.createTempDirectory("cvtailor-faults-pg");
    boolean root = "root".equals(System.getProperty("user.name"));
    ThrowAwayPostgres pg = new ThrowAwayPostgres(bin, dir, freePort(), root);
    if (root) {
      pg.run(List.of("chown", "postgres", dir.toString()), false);
    }
    pg.run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "-E",
            "UTF8"),
        true);
    pg.start();
    try (Connection c = pg.connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
    try (Connection c = pg.connect(DATABASE);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION vector");
    }
    return pg;
  }

  private static Path binaries() {
    for (String version : List.of("17", "16", "15")) {
      Path bin = Path.of("/usr/lib/postgresql", version, "bin");
      if (Files.isExecutable(bin.resolve("pg_ctl"))) {
        return bin;
      }
    }
    throw new IllegalStateException(
        "the fault tests need PostgreSQL's initdb and pg_ctl under /usr/lib/postgresql/*/bin");
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  /**
   * A hot standby of this cluster on a free port, streaming from it: a base backup taken with
   * {@code pg_basebackup -R} (initdb's pg_hba.conf lets local replication connections in), left
   * running.
   */
  public ThrowAwayPostgres createStandby() throws Exception {
    Path standbyDir = Files.createTempDirectory("cvtailor-faults-pg-standby");
    ThrowAwayPostgres standby = new ThrowAwayPostgres(bin, standbyDir, freePort(), asPostgres);
    if (asPostgres) {
      standby.run(List.of("chown", "postgres", standbyDir.toString()), false);
    }
    standby.run(
        List.of(
            bin.resolve("pg_basebackup").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(port),
            "-U",
            USER,
            "-D",
            standbyDir.resolve("data").toString(),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast"),
        true);
    standby.start();
    return standby;
  }

  /** Ends recovery: a standby becomes a primary that takes writes ({@code pg_ctl promote}). */
  public void promote() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-w",
            "-t",
            "60",
            "promote"),
        true);
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
  }

  /** Whether the server was last started (not stopped) by this object. */
  public boolean running() {
    return running;
  }

  public void start() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-o",
            // max_connections: ClusterIT's two instances may open 40 pooled connections each
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "120",
            "start"),
        true);
    running = true;
  }

  /**
   * A fast shutdown: sessions are ended, as when the server is stopped or restarted by an admin.
   */
  public void stop() throws Exception {
    pgCtlStop("fast");
  }

  /** An immediate shutdown: no checkpoint, every session cut, as when the server crashes. */
  public void crash() throws Exception {
    pgCtlStop("immediate");
  }

  private void pgCtlStop(String mode) throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            mode,
            "-w",
            "-t",
            "120",
            "stop"),
        true);
    running = false;
  }

  /** The first column of the first row of {@code sql} on the cvtailor database, as a number. */
  public long number(String sql, Object... parameters) throws SQLException {
    try (Connection c = connect(DATABASE);
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void run(List<String> command, boolean asServerUser) throws Exception {
    List<String> full = new ArrayList<>();
    if (asServerUser && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process =
        new ProcessBuilder(full)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                dir.resolve("commands.log").toFile().exists()
                    ? ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())
                    : ProcessBuilder.Redirect.to(dir.resolve("commands.log").toFile()))
            .start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + full);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "failed ("
              + process.exitValue()
              + "): "
              + full
              + "\n"
              + Files.readString(dir.resolve("commands.log")));
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
    } catch (RuntimeException e) {
      // already stopped
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
