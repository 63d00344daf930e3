package dev.overcast.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.overcast.core.spec.Violation;
import java.util.List;

/**
 * RFC 9457 problem details. {@code type} is a URN naming the class of problem (RFC 9457 allows any
 * URI; a URN needs no host to serve it); {@code violations} lists every broken rule of the request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }
}
