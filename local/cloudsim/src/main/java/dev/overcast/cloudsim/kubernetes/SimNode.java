package dev.overcast.cloudsim.kubernetes;

import java.time.Instant;
import java.util.Map;

/**
 * A node the simulated cluster should have now.
 *
 * @param since when it last became Ready (or joined, for a node not Ready)
 * @param rttMs round trips to every other node, by node name: what the probe publishes
 */
record SimNode(String name, boolean ready, boolean controlPlane, Map<String, String> labels, String internalIp,
               Instant since, Map<String, Double> rttMs) {
}
