package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.SimResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N.Name}/{@code Filter.N.Value.M}: a resource matches when every filter has a value
 * matching one of the resource's values for that name (values may use {@code *} and {@code ?}).
 * {@code tag:KEY}, {@code tag-key} and {@code tag-value} work on every type; the rest are per type.
 */
final class Filters {

    /** The values a resource has for one filter name. */
    interface Field {
        Collection<String> values(SimResource resource, Instant now);
    }

    static Field attribute(String name) {
        return (r, now) -> r.attribute(name) == null ? List.of() : List.of(r.attribute(name));
    }

    /** The values of {@code key} across a list attribute, e.g. every attachment's {@code vpcId}. */
    static Field listed(String list, String key) {
        return (r, now) -> r.list(list).stream().map(item -> item.get(key)).filter(java.util.Objects::nonNull).toList();
    }

    static Field id() {
        return (r, now) -> List.of(r.id());
    }

    static Field state() {
        return (r, now) -> List.of(r.state(now));
    }

    private final Map<String, Field> fields;

    private Filters(Map<String, Field> fields) {
        this.fields = fields;
    }

    static Filters of(Map<String, Field> fields) {
        return new Filters(Map.copyOf(fields));
    }

    List<SimResource> apply(Ec2Call call, List<SimResource> resources) {
        List<Map<String, String>> filters = call.structs("Filter");
        List<SimResource> kept = new ArrayList<>(resources);
        for (Map<String, String> filter : filters) {
            String name = filter.get("Name");
            if (name == null) {
                throw Ec2Call.invalid("Filter requires a Name.");
            }
            Field field = field(name);
            List<Pattern> wanted = values(filter).stream().map(Filters::glob).toList();
            Instant now = call.now();
            kept.removeIf(r -> field.values(r, now).stream().noneMatch(v -> wanted.stream().anyMatch(p -> p.matcher(v).matches())));
        }
        return kept;
    }

    /** {@code Value.1}, {@code Value.2}, … of one filter. */
    static List<String> values(Map<String, String> filter) {
        List<String> values = new ArrayList<>();
        for (int i = 1; filter.containsKey("Value." + i); i++) {
            values.add(filter.get("Value." + i));
        }
        return values;
    }

    /**
     * Filters over rows of plain values (tags, zones): {@code columns} names each column as a filter
     * name; rows whose value in a filtered column is not among the filter's values are dropped.
     */
    static List<String[]> rows(Ec2Call call, List<String[]> rows, List<String> columns) {
        List<String[]> kept = new ArrayList<>(rows);
        for (Map<String, String> filter : call.structs("Filter")) {
            int column = columns.indexOf(String.valueOf(filter.get("Name")));
            if (column < 0) {
                throw Ec2Call.invalid("The filter '" + filter.get("Name") + "' is invalid");
            }
            List<String> values = values(filter);
            kept.removeIf(row -> !values.contains(row[column]));
        }
        return kept;
    }

    private Field field(String name) {
        if (name.startsWith("tag:")) {
            String key = name.substring(4);
            return (r, now) -> r.tags().containsKey(key) ? List.of(r.tags().get(key)) : List.of();
        }
        if (name.equals("tag-key")) {
            return (r, now) -> r.tags().keySet();
        }
        if (name.equals("tag-value")) {
            return (r, now) -> r.tags().values();
        }
        Field field = fields.get(name);
        if (field == null) {
            throw Ec2Call.invalid("The filter '" + name + "' is invalid");
        }
        return field;
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
