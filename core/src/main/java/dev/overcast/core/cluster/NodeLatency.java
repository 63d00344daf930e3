package dev.overcast.core.cluster;

/** The round trip between two nodes, in milliseconds; {@code from} sorts before {@code to}. */
public record NodeLatency(String from, String to, double millis) {
}
