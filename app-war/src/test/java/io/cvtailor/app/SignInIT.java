package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in throttling that slows a guesser without locking the owner out, counted atomically; the
 * client address taken from X-Forwarded-For only when a trusted proxy sent it (the test server
 * trusts 127.0.0.1 only: see arquillian.xml); weaker password hashes upgraded on sign-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @AfterEach
  void forgetCounts() {
    Db.update("DELETE FROM identity.sign_in_counters");
  }

  @Test
  void theOwnerSignsInFromElsewhereWhileAGuesserIsRefused() {
    Api api = viaLoopback();
    Api.User owner = api.newUser("Owner");
    String guesser = randomAddress();
    for (int i = 1; i <= 5; i++) {
      assertProblem(signInFrom(api, guesser, owner.email(), "wrong guess " + i), 401, "password");
    }
    Api.Reply refused =
        assertProblem(signInFrom(api, guesser, owner.email(), "wrong guess 6"), 429);
    assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 15 * 60L);
    // even the right password is refused from the guesser's address: it learns nothing
    assertProblem(signInFrom(api, guesser, owner.email(), owner.password()), 429);

    // the owner, from another address, is not locked out — and keeps going while the guessing does
    String home = randomAddress();
    assertThat(signInFrom(api, home, owner.email(), owner.password()).status()).isEqualTo(201);
    assertProblem(signInFrom(api, guesser, owner.email(), "wrong guess 7"), 429);
    assertThat(signInFrom(api, home, owner.email(), owner.password()).status()).isEqualTo(201);
    // a typo of the owner's own does not add to the guesser's count or lock anyone else
    assertProblem(signInFrom(api, home, owner.email(), "typo"), 401);
    assertThat(signInFrom(api, home, owner.email(), owner.password()).status()).isEqualTo(201);
  }

  @Test
  void concurrentGuessesAreCountedOneByOne() throws Exception {
    Api api = viaLoopback();
    Api.User owner = api.newUser("Rushed");
    String guesser = randomAddress();
    int guesses = 40;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try {
      List<Future<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        String guess = "parallel guess " + i;
        replies.add(pool.submit(() -> signInFrom(api, guesser, owner.email(), guess).status()));
      }
      int checked = 0;
      int refused = 0;
      for (Future<Integer> reply : replies) {
        int status = reply.get();
        if (status == 401) {
          checked++;
        } else if (status == 429) {
          refused++;
        }
      }
      // five passwords checked at most, however the requests interleave
      assertThat(checked).isEqualTo(5);
      assertThat(refused).isEqualTo(guesses - 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void guessingSpreadOverManyAddressesMeetsTheAccountsMuchHigherBar() {
    Api api = viaLoopback();
    Api.User owner = api.newUser("Targeted");
    // 100 failures per account per window (default), 5 from each of 20 addresses
    for (int address = 0; address < 20; address++) {
      String from = randomAddress();
      for (int i = 0; i < 5; i++) {
        assertProblem(signInFrom(api, from, owner.email(), "spread guess " + i), 401);
      }
    }
    assertProblem(signInFrom(api, randomAddress(), owner.email(), owner.password()), 429);
    // other accounts are not affected
    Api.User other = api.newUser("Bystander");
    assertThat(signInFrom(api, randomAddress(), other.email(), other.password()).status())
        .isEqualTo(201);
  }

  @Test
  void anUntrustedPeerCannotPickItsAddressWithXForwardedFor() throws IOException {
    Api api = viaLoopback();
    Api.User owner = api.newUser("Spoofed");
    // 127.0.0.2 is not a trusted proxy: a fresh X-Forwarded-For per guess must not reset its count
    for (int i = 1; i <= 5; i++) {
      assertThat(rawSignInFrom127002(owner.email(), "guess " + i, randomAddress())).isEqualTo(401);
    }
    assertThat(rawSignInFrom127002(owner.email(), "guess 6", randomAddress())).isEqualTo(429);
    assertThat(rawSignInFrom127002(owner.email(), owner.password(), randomAddress()))
        .isEqualTo(429);
    // counted under the socket's address, not under any of the claimed ones
    assertThat(
            Db.number(
                "SELECT attempts FROM identity.sign_in_counters"
                    + " WHERE scope = 'pair' AND account_key = ? AND address = '127.0.0.2'",
                owner.email()))
        .isEqualTo(7);
    // the trusted proxy (127.0.0.1) is believed: the owner's own address is fine
    assertThat(signInFrom(api, randomAddress(), owner.email(), owner.password()).status())
        .isEqualTo(201);
  }

  @Test
  void aWeakerStoredHashIsUpgradedOnSignIn() throws Exception {
    Api api = viaLoopback();
    Api.User owner = api.newUser("Legacy");
    // as an older release stored it: the same algorithm at 10 iterations
    Db.update(
        "UPDATE identity.credentials SET password_hash = ? WHERE user_id = ?",
        pbkdf2(owner.password(), 10),
        owner.id());
    assertThat(signInFrom(api, randomAddress(), owner.email(), owner.password()).status())
        .isEqualTo(201);
    String upgraded =
        Db.text("SELECT password_hash FROM identity.credentials WHERE user_id = ?", owner.id());
    // the test server runs with security.password.iterations=1024 (production: 600,000)
    assertThat(upgraded).startsWith("PBKDF2WithHmacSHA256:1024:");
    assertThat(signInFrom(api, randomAddress(), owner.email(), owner.password()).status())
        .isEqualTo(201);
    assertProblem(signInFrom(api, randomAddress(), owner.email(), "not the password"), 401);
    // a hash at the configured strength is left alone
    assertThat(signInFrom(api, randomAddress(), owner.email(), owner.password()).status())
        .isEqualTo(201);
    assertThat(
            Db.text("SELECT password_hash FROM identity.credentials WHERE user_id = ?", owner.id()))
        .isEqualTo(upgraded);
  }

  private static Api.Reply signInFrom(Api api, String address, String email, String password) {
    return api.call(
        "POST",
        "api/v1/auth/tokens",
        null,
        "application/json",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"t\"}",
        "X-Forwarded-For",
        address);
  }

  /** A sign-in whose socket comes from 127.0.0.2 (a loopback address that is not trusted). */
  private int rawSignInFrom127002(String email, String password, String forwardedFor)
      throws IOException {
    byte[] body =
        ("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", deployment.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      String path = deployment.getPath().replaceAll("/$", "") + "/api/v1/auth/tokens";
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "X-Forwarded-For: "
              + forwardedFor
              + "\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }

  /** Jakarta Security's stored format: algorithm:iterations:salt:hash (Base64). */
  private static String pbkdf2(String password, int iterations) throws Exception {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    byte[] hash =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
            .getEncoded();
    Base64.Encoder b64 = Base64.getEncoder();
    return "PBKDF2WithHmacSHA256:"
        + iterations
        + ":"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(hash);
  }

  /**
   * The API over 127.0.0.1, the trusted proxy of the test server (arquillian.xml): the deployment's
   * own URL may name the machine's external address, which is not trusted.
   */
  private Api viaLoopback() {
    try {
      return new Api(new URL("http", "127.0.0.1", deployment.getPort(), deployment.getPath()));
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
