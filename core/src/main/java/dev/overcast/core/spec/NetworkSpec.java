package dev.overcast.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.overcast.core.Cloud;
import dev.overcast.core.address.AddressDefaults;
import java.util.Map;

/**
 * Custom address ranges; anything left out takes the defaults of
 * {@link AddressDefaults}.
 *
 * @param vpcCidrs    network CIDR per cloud ({@code aws: 10.10.0.0/16})
 * @param podCidr     the cluster's pod range, split between the clouds
 * @param serviceCidr the cluster's service range
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkSpec(Map<String, String> vpcCidrs, String podCidr, String serviceCidr) {

    /** The network range a cloud will use: the spec's or the default. */
    public String vpcCidr(Cloud cloud) {
        Map<String, String> given = vpcCidrs == null ? Map.of() : vpcCidrs;
        return given.getOrDefault(cloud.id(), AddressDefaults.VPC_CIDRS.get(cloud));
    }
}
