package dev.overcast.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A number of machines of one size.
 *
 * @param count how many
 * @param size  {@code small}, {@code medium}, {@code large}, {@code xlarge}, or an instance type of
 *              the cloud's catalog; defaults to {@value #DEFAULT_SIZE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachinePool(Integer count, String size) {
    public static final String DEFAULT_SIZE = "medium";

    @JsonIgnore
    public int countOrZero() {
        return count == null ? 0 : count;
    }

    @JsonIgnore
    public String sizeOrDefault() {
        return Objects.requireNonNullElse(size, DEFAULT_SIZE);
    }
}
