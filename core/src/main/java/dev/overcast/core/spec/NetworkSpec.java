package dev.overcast.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Custom address ranges; anything left out takes the defaults of
 * {@link dev.overcast.core.network.AddressDefaults}.
 *
 * @param vpcCidrs    network CIDR per cloud ({@code aws: 10.10.0.0/16})
 * @param podCidr     the cluster's pod range, split between the clouds
 * @param serviceCidr the cluster's service range
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkSpec(Map<String, String> vpcCidrs, String podCidr, String serviceCidr) {
}
