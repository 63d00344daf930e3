package dev.overcast.functions.api;

import java.util.Map;

/**
 * A handler's answer before it becomes a proxy response: status, extra headers and a body object
 * serialised as JSON ({@link Problem}s as {@code application/problem+json}).
 */
record ApiResponse(int status, Map<String, String> headers, Object body) {

    static ApiResponse ok(Object body) {
        return new ApiResponse(200, Map.of(), body);
    }

    static ApiResponse accepted(Object body) {
        return new ApiResponse(202, Map.of(), body);
    }

    static ApiResponse problem(Problem problem) {
        return new ApiResponse(problem.status(), Map.of(), problem);
    }
}
