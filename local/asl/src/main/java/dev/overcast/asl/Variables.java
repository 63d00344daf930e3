package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Workflow variables ({@code Assign}). A Map iteration or Parallel branch gets a child scope: it reads
 * its parents' variables, but what it assigns stays inside it, as in AWS.
 */
public final class Variables {
    private final Variables parent;
    private final Map<String, JsonNode> values = new HashMap<>();
    private Map<String, JsonNode> lastAssigned = Map.of();

    private Variables(Variables parent) {
        this.parent = parent;
    }

    public static Variables root() {
        return new Variables(null);
    }

    public Variables child() {
        return new Variables(this);
    }

    /** The variable's value, or null when no scope up the chain defines it. */
    public JsonNode get(String name) {
        for (Variables scope = this; scope != null; scope = scope.parent) {
            JsonNode value = scope.values.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Assignments of one state take effect together, after all of them were evaluated. */
    public void assign(Map<String, JsonNode> assignments) {
        values.putAll(assignments);
        lastAssigned = assignments;
    }

    /** What the state that just ran assigned (for its StateExited event), then forgets it. */
    Map<String, JsonNode> takeAssigned() {
        Map<String, JsonNode> assigned = lastAssigned;
        lastAssigned = Map.of();
        return assigned;
    }

    /** Every visible variable, inner scopes shadowing outer ones (JSONata binds them all). */
    public Map<String, JsonNode> visible() {
        Map<String, JsonNode> all = parent == null ? new HashMap<>() : parent.visible();
        all.putAll(values);
        return all;
    }
}
