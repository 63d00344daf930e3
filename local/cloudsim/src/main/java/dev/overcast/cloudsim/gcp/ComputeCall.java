package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Compute request: the project (the world's account), the location it addresses, and links in this front's spelling. */
final class ComputeCall {

    static final String FRONT = "gcp";

    /** A reference as full URL or partial path: {@code …/projects/P/regions/R/subnetworks/N} or {@code regions/R/subnetworks/N}. */
    private static final Pattern REFERENCE = Pattern.compile("(?:^|.*/)(?:projects/([^/]+)/)?(global|regions/([^/]+)|zones/([^/]+))/([a-zA-Z]+)/([^/]+)$");
    static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private final World world;
    private final String base;
    private final String project;
    private final String location;

    ComputeCall(World world, String base, String project, String location) {
        this.world = world;
        this.base = base;
        this.project = project;
        this.location = location;
    }

    World world() {
        return world;
    }

    String project() {
        return project;
    }

    /** {@code global}, a region or a zone name. */
    String location() {
        return location;
    }

    Instant now() {
        return world.clock().now();
    }

    /** The full self link of an item. */
    String link(Collection collection, String at, String name) {
        return base + "projects/" + project + "/" + collection.scope().path(at) + "/" + collection.path() + "/" + name;
    }

    String locationLink(Scope scope, String at) {
        return base + "projects/" + project + "/" + scope.path(at);
    }

    /**
     * The live resource a field of the body references, of the expected collection; a bad or unknown
     * reference is Compute's 400/404 naming the field.
     */
    SimResource resolve(String field, Object reference, Collection expected) {
        if (!(reference instanceof String text) || text.isBlank()) {
            throw new CloudError(ComputeErrors.REQUIRED, "Required field '" + field + "' not specified");
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches() || !m.group(5).equals(expected.path()) || (m.group(1) != null && !m.group(1).equals(project))) {
            throw new CloudError(ComputeErrors.INVALID, "Invalid value for field '" + field + "': '" + text
                    + "'. The URL is malformed or names no " + expected.path() + " of project " + project + ".");
        }
        String at = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "global";
        return world.find(FRONT, project, at, expected.id(at, m.group(6)))
                .filter(r -> !r.retired())
                .orElseThrow(() -> new CloudError(ComputeErrors.NOT_FOUND, "The resource 'projects/" + project + "/"
                        + expected.scope().path(at) + "/" + expected.path() + "/" + m.group(6) + "' was not found"));
    }

    /** A required text field of the request's resource; errors name it as Compute does, {@code resource.FIELD}. */
    static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new CloudError(ComputeErrors.REQUIRED, "Required field 'resource." + field + "' not specified");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new CloudError(ComputeErrors.INVALID, "Invalid value for field 'resource." + field + "': must be a list of objects.");
        }
        return (List<Map<String, Object>>) value;
    }

    static CloudError invalid(String field, Object value, String rule) {
        return new CloudError(ComputeErrors.INVALID, "Invalid value for field '" + field + "': '" + value + "'. " + rule);
    }
}
