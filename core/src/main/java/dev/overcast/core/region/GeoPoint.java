package dev.overcast.core.region;

/** A point on the Earth, in decimal degrees. */
public record GeoPoint(double latitude, double longitude) {
    /** Mean Earth radius (IUGG). */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("not a coordinate: " + latitude + "," + longitude);
        }
    }

    /** Great-circle distance by the haversine formula (accurate to ~0.5% on a sphere, plenty for latency estimates). */
    public double distanceKm(GeoPoint other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(other.longitude - longitude);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
    }
}
