package dev.overcast.core.preflight;

import java.util.List;

/** Every check of a preflight, in the order run. */
public record PreflightReport(List<Check> checks) {

    public PreflightReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** A fixed-width table: cloud, scope, check, result, detail, and the remedy under each failure. */
    public String table() {
        int scope = width(checks.stream().map(Check::scope).toList(), "SCOPE");
        int name = width(checks.stream().map(Check::name).toList(), "CHECK");
        String row = "%-6s %-" + scope + "s %-" + name + "s %-4s %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "CLOUD", "SCOPE", "CHECK", "", "DETAIL"));
        for (Check c : checks) {
            out.append(String.format(row, c.cloud().id(), c.scope(), c.name(), c.passed() ? "pass" : "FAIL", c.detail()));
            if (!c.passed()) {
                out.append(" ".repeat(9 + scope + name)).append("remedy: ").append(c.remedy()).append(System.lineSeparator());
            }
        }
        long failed = failures().size();
        out.append(String.format("%d checks, %d failed%n", checks.size(), failed));
        return out.toString();
    }

    private static int width(List<String> values, String header) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
