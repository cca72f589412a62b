package dev.vigil.generator;

/**
 * One network connection as an endpoint sees it: {@code source} is the local side of an egress
 * connection and the remote side of an ingress one.
 */
record Connection(
    String sourceIp,
    int sourcePort,
    String destinationIp,
    int destinationPort,
    String transport,
    boolean egress) {

  /** An outgoing TCP connection from {@code localIp} (an ephemeral port) to a remote service. */
  static Connection outgoing(Pick pick, String localIp, String remoteIp, int remotePort) {
    return new Connection(localIp, pick.between(32768, 60999), remoteIp, remotePort, "tcp", true);
  }

  /** An incoming TCP connection from a client to {@code localIp}:{@code localPort}. */
  static Connection incoming(Pick pick, String clientIp, String localIp, int localPort) {
    return new Connection(clientIp, pick.between(1024, 65535), localIp, localPort, "tcp", false);
  }
}
