package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** IPv4 CIDR checks EC2 makes, on the ipaddress library. */
final class Cidr {

    private Cidr() {
    }

    /** The block, or {@code InvalidParameterValue} naming the field when it is not an IPv4 CIDR within the sizes. */
    static IPAddress parse(String field, String cidr, int largest, int smallest) {
        return parse(field, cidr, largest, smallest, "InvalidParameterValue");
    }

    /** As {@link #parse(String, String, int, int)}, answering a prefix outside the bounds with {@code rangeCode}. */
    static IPAddress parse(String field, String cidr, int largest, int smallest, String rangeCode) {
        IPAddress address = new IPAddressString(cidr).getAddress();
        if (address == null || !address.isIPv4() || address.getNetworkPrefixLength() == null) {
            throw Ec2Call.invalid("Value (" + cidr + ") for parameter " + field + " is invalid. This is not a valid CIDR block.");
        }
        int prefix = address.getNetworkPrefixLength();
        if (prefix < largest || prefix > smallest) {
            throw new CloudError(rangeCode, "The CIDR '" + cidr + "' is invalid: the prefix must be between /" + largest + " and /" + smallest + ".");
        }
        return address.toPrefixBlock();
    }

    static boolean contains(String outer, String inner) {
        return new IPAddressString(outer).getAddress().toPrefixBlock().contains(new IPAddressString(inner).getAddress());
    }

    static boolean overlaps(String a, String b) {
        IPAddress x = new IPAddressString(a).getAddress().toPrefixBlock();
        IPAddress y = new IPAddressString(b).getAddress().toPrefixBlock();
        return x.contains(y) || y.contains(x);
    }

    static long size(String cidr) {
        return 1L << (32 - new IPAddressString(cidr).getAddress().getNetworkPrefixLength());
    }

    /** The address's position in the block: 0 is the network address. */
    static long hostIndex(String cidr, String address) {
        return new IPAddressString(address).getAddress().getValue().longValueExact()
                - new IPAddressString(cidr).getAddress().toPrefixBlock().getLower().getValue().longValueExact();
    }
}
