package dev.overcast.clouds.gcp.internal;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnedResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Compute's side of the adopt-or-create skeleton ({@link OwnedResourceClient#create}): observe is one
 * batched list (per Compute collection) by the cluster's ownership, which create reads to adopt and
 * complete what a crash may have left half done, and refuses (retryably) to insert over a resource still
 * being deleted; delete treats "already gone" as done. No verb waits for an operation: observe reports
 * {@code CREATING} until the resources say they are ready.
 */
public abstract class ComputeResourceClient extends OwnedResourceClient {

    /** Compute's page size ceiling: observe lists in as few calls as Compute allows. */
    protected static final int PAGE = 500;
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    protected final ComputeClients compute;

    protected ComputeResourceClient(ResourceKind kind, ComputeClients compute) {
        super(Cloud.GCP, kind);
        this.compute = compute;
    }

    @Override
    public final void delete(Observation observed) {
        requireOwnKind(observed);
        remove(observed);
    }

    protected abstract void remove(Observation observed);

    protected final String project() {
        return compute.project();
    }

    /** An observation of what Compute listed; {@code cloudId} is the Compute name of the main part. */
    protected final Observation observed(String name, String region, String cloudId, ResourceState state,
                                         Map<String, String> attributes, Map<String, String> ownership) {
        return observation(name, region, cloudId, state, attributes, ownership);
    }

    /** What a create just started: the resource under its planned name, being created. */
    protected final Observation creating(String clusterId, Resource desired, Map<String, String> attributes) {
        return created(clusterId, desired, desired.name(), ResourceState.CREATING, attributes);
    }

    /**
     * Observed attributes from key/value pairs; a {@code null} or empty value (Compute did not say) is left out.
     * Hides the shared variant, which keeps empty values: Compute's messages answer "" for an unset field.
     */
    protected static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null && !keysAndValues[i + 1].isEmpty()) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** The last segment of a Compute link: the referenced resource's name. */
    protected static String lastSegment(String link) {
        return link == null || link.isEmpty() ? null : link.substring(link.lastIndexOf('/') + 1);
    }

    protected final String globalLink(String collection, String name) {
        return "projects/" + project() + "/global/" + collection + "/" + name;
    }

    protected final String regionalLink(String region, String collection, String name) {
        return "projects/" + project() + "/regions/" + region + "/" + collection + "/" + name;
    }

    /**
     * A Compute name for the resource (plus a suffix for its parts), {@link ComputeNames#fit fitted} to
     * Compute's length limit; its characters must follow Compute's naming rule.
     */
    protected final String computeName(Resource desired, String suffix) {
        String name = ComputeNames.fit(desired.name() + suffix);
        if (!NAME.matcher(name).matches()) {
            throw new TerminalCloudException(Cloud.GCP, "Create", "InvalidName", kind() + " " + desired.name()
                    + ": Compute name '" + name + "' must be 1 to 63 lowercase letters, digits or '-', starting with a letter", null);
        }
        return name;
    }

    /** A BGP ASN attribute: Cloud Router takes a 16-bit or 32-bit private ASN, or a public one the customer owns. */
    protected final long asn(Resource desired, String key) {
        try {
            long asn = Long.parseLong(required(desired, key));
            if (asn >= 1 && asn <= 4_294_967_294L) {
                return asn;
            }
        } catch (NumberFormatException e) {
            // answered below, as for any out-of-range value
        }
        throw invalid(desired, key, "it must be a BGP ASN within 1..4294967294");
    }
}
