package dev.overcast.runtime.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;

/** The permissions each grant file under {@code onboarding/} gives, read as the cloud would read it. */
final class GrantFiles {

    static final Path ONBOARDING = Path.of("../../onboarding");

    private GrantFiles() {
    }

    /** Every {@code Action} of the AWS role's policies (CloudFormation's short tags are ignored by the YAML reader). */
    static SortedSet<String> aws() {
        SortedSet<String> actions = new TreeSet<>();
        JsonNode role = read(new YAMLMapper(), "aws/overcast-role.yaml").path("Resources").path("OvercastRole").path("Properties");
        role.path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statement -> {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }));
        return actions;
    }

    static SortedSet<String> gcp() {
        SortedSet<String> permissions = new TreeSet<>();
        read(new YAMLMapper(), "gcp/overcast-role.yaml").path("includedPermissions").forEach(p -> permissions.add(p.asText()));
        return permissions;
    }

    static SortedSet<String> azure() {
        SortedSet<String> actions = new TreeSet<>();
        read(new ObjectMapper(), "azure/overcast-role.json").path("Actions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    static JsonNode read(ObjectMapper mapper, String file) {
        try {
            return mapper.readTree(ONBOARDING.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read onboarding/" + file, e);
        }
    }
}
