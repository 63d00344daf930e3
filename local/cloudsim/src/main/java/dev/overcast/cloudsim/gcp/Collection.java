package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.SimResource;
import java.util.Map;

/**
 * One Compute collection the front serves, e.g. {@code regions/R/vpnGateways}.
 *
 * @param path     the collection's URL segment ({@code vpnGateways})
 * @param type     the world's resource type ({@code vpn-gateway}), which names its durations and quotas
 * @param kind     the JSON {@code kind} of one item ({@code compute#vpnGateway})
 * @param scope    global, regional or zonal
 * @param labelled whether the kind carries {@code labels} and {@code labelFingerprint} (the discovery document
 *                 gives them to addresses, VPN gateways, tunnels and instances, not to networks, subnetworks,
 *                 firewalls or routers)
 * @param lifecycle its states on the world's timeline
 * @param insert   validates an insert's body and fills the new resource (references, assigned values)
 */
record Collection(String path, String type, String kind, Scope scope, boolean labelled, Lifecycle lifecycle, Insert insert) {

    /** The body of an insert, checked and turned into the resource's fields; runs under the world's lock. */
    @FunctionalInterface
    interface Insert {
        void fill(ComputeCall call, Map<String, Object> body, SimResource resource);
    }

    /**
     * The world id of an item, e.g. {@code europe-west1/subnetworks/nodes}: names are unique per collection
     * and location only, and world ids that dependencies name must be unique in the project.
     */
    String id(String location, String name) {
        return location + "/" + path + "/" + name;
    }

    /** The item's name in a world id. */
    static String name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** The JSON {@code kind} of a list of these. */
    String listKind() {
        return kind + "List";
    }
}
