package dev.overcast.core.network;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One node subnet.
 *
 * @param zone    the availability zone (AWS, GCP), or null for Azure's regional subnets
 * @param cidr    the subnet's range inside its network
 * @param podCidr the pod range of the nodes in this subnet (a GCP secondary range)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubnetPlan(String zone, String cidr, String podCidr) {
}
