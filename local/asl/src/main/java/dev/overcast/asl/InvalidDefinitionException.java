package dev.overcast.asl;

import java.util.List;

/** A definition that AWS would refuse to create; every problem found is listed, each naming its field. */
public class InvalidDefinitionException extends RuntimeException {
    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super("invalid state machine definition:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
