package dev.overcast.core.region;

/** The round trip between the regions of two clouds of a region set. */
public record RegionPair(Region a, Region b, Rtt rtt) {

    @Override
    public String toString() {
        return a.id() + " <-> " + b.id() + ": " + rtt;
    }
}
