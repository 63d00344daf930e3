package dev.overcast.core.preflight;

import dev.overcast.core.Cloud;
import java.util.Objects;

/**
 * One preflight check's outcome.
 *
 * @param cloud  the cloud checked
 * @param scope  where: a region, or {@code account} for what holds account-wide
 * @param name   what was checked, e.g. {@code credentials}, {@code permission ec2:CreateVpc}, {@code quota VPCs}
 * @param passed whether it passed
 * @param detail what was found (numbers, the identity, the cloud's answer)
 * @param remedy what to do about a failure; empty when passed
 */
public record Check(Cloud cloud, String scope, String name, boolean passed, String detail, String remedy) {

    public static final String ACCOUNT = "account";

    public Check {
        Objects.requireNonNull(cloud, "cloud");
        requireText("scope", scope);
        requireText("name", name);
        detail = detail == null ? "" : detail;
        remedy = remedy == null ? "" : remedy;
        if (!passed && remedy.isBlank()) {
            throw new IllegalArgumentException("a failed check must say what to do: remedy is blank for " + name);
        }
    }

    public static Check pass(Cloud cloud, String scope, String name, String detail) {
        return new Check(cloud, scope, name, true, detail, "");
    }

    public static Check fail(Cloud cloud, String scope, String name, String detail, String remedy) {
        return new Check(cloud, scope, name, false, detail, remedy);
    }

    /** A quota check: passes when what is free ({@code limit - used}) covers what is needed. */
    public static Check quota(Cloud cloud, String scope, String quota, long limit, long used, long needed, String remedy) {
        String detail = "needs " + needed + ", limit " + limit + ", in use " + used;
        return limit - used >= needed ? pass(cloud, scope, "quota " + quota, detail) : fail(cloud, scope, "quota " + quota, detail, remedy);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
