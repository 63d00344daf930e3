package dev.overcast.core.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec broke one or more rules; carries every violation, not just the first. */
public class InvalidSpecException extends RuntimeException {
    private final transient List<Violation> violations;

    public InvalidSpecException(List<Violation> violations) {
        super("invalid cluster spec:\n" + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid spec has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
