package io.cvtailor.app.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which peers' {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed: the CIDR blocks
 * of {@code security.trusted-proxies}. Anyone can send those headers, so without a trusted proxy in
 * front the client is the socket's peer, whatever the headers say; behind one, the client is the
 * right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy (entries to its
 * left were written by the client and prove nothing).
 */
public final class TrustedProxies {
  /** Longest X-Forwarded-For chain read; a longer one is cut there (bounded work per request). */
  static final int MAX_HOPS = 20;

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /** Parses a comma-separated list of CIDR blocks or single addresses (IPv4 and IPv6). */
  public static TrustedProxies parse(String list) {
    List<Block> blocks = new ArrayList<>();
    if (list != null) {
      for (String entry : list.split(",")) {
        String cidr = entry.strip();
        if (!cidr.isEmpty()) {
          blocks.add(Block.parse(cidr));
        }
      }
    }
    return new TrustedProxies(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean trusts(String address) {
    if (blocks.isEmpty()) {
      return false;
    }
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && blocks.stream().anyMatch(b -> b.contains(bytes.get()));
  }

  /** The client's address for a request from {@code peer} carrying {@code forwardedFor}. */
  public String clientAddress(String peer, String forwardedFor) {
    if (forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",", -1);
    String client = peer;
    int read = 0;
    for (int i = hops.length - 1; i >= 0 && read < MAX_HOPS; i--, read++) {
      String hop = stripPort(hops[i].strip());
      if (literal(hop).isEmpty()) {
        // Not an address (garbage or "unknown"): stop at the last address we could believe.
        return client;
      }
      client = hop;
      if (!trusts(hop)) {
        return hop;
      }
    }
    return client;
  }

  /** Whether the request reached the proxy over TLS, as a trusted proxy reports it. */
  public boolean forwardedOverTls(String peer, String forwardedProto) {
    if (forwardedProto == null || !trusts(peer)) {
      return false;
    }
    // A chain of proxies appends: the first value is what the client used.
    String first = forwardedProto.split(",", 2)[0].strip();
    return first.equalsIgnoreCase("https");
  }

  private static String stripPort(String hop) {
    if (hop.startsWith("[")) { // [2001:db8::1]:443
      int end = hop.indexOf(']');
      return end > 0 ? hop.substring(1, end) : hop;
    }
    int colon = hop.indexOf(':');
    if (colon > 0 && colon == hop.lastIndexOf(':')) { // 203.0.113.7:51234
      return hop.substring(0, colon);
    }
    return hop;
  }

  /** The address's bytes when it is an IP literal; never a name lookup. */
  static Optional<byte[]> literal(String address) {
    if (address == null) {
      return Optional.empty();
    }
    int zone = address.indexOf('%'); // an IPv6 scope, as in 0:0:0:0:0:0:0:1%0 from the socket
    if (zone > 0) {
      address = address.substring(0, zone);
    }
    if (address.isEmpty() || address.length() > 45) {
      return Optional.empty();
    }
    boolean v6 = address.indexOf(':') >= 0;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || c == '.'
              || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return Optional.empty();
      }
    }
    if (!v6) {
      return ipv4(address);
    }
    if (address.charAt(0) == '.') {
      return Optional.empty();
    }
    try {
      // A string with a colon is parsed as an IPv6 literal and never resolved as a name.
      return Optional.of(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Dotted quad, parsed by hand: InetAddress would look up "999.1.1.1" as a host name. */
  private static Optional<byte[]> ipv4(String address) {
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3) {
        return Optional.empty();
      }
      int value = Integer.parseInt(parts[i]);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    return Optional.of(bytes);
  }

  private record Block(byte[] network, int prefix) {
    static Block parse(String cidr) {
      int slash = cidr.indexOf('/');
      String address = slash < 0 ? cidr : cidr.substring(0, slash);
      byte[] bytes =
          literal(address)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "security.trusted-proxies: '" + cidr + "' is not an IP address or CIDR"));
      int prefix = bytes.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
          throw new IllegalArgumentException(
              "security.trusted-proxies: '" + cidr + "' has an invalid prefix length");
        }
      }
      return new Block(bytes, prefix);
    }

    boolean contains(byte[] address) {
      byte[] candidate = address;
      if (candidate.length != network.length) {
        candidate = mapped(candidate, network.length);
        if (candidate == null) {
          return false;
        }
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (candidate[full] & mask) == (network[full] & mask);
    }

    /** An IPv4 address as ::ffff:a.b.c.d, or the reverse, so either spelling matches. */
    private static byte[] mapped(byte[] address, int length) {
      if (address.length == 4 && length == 16) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(address, 0, v6, 12, 4);
        return v6;
      }
      if (address.length == 16 && length == 4) {
        for (int i = 0; i < 10; i++) {
          if (address[i] != 0) {
            return null;
          }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
          return null;
        }
        byte[] v4 = new byte[4];
        System.arraycopy(address, 12, v4, 0, 4);
        return v4;
      }
      return null;
    }
  }
}
