package dev.overcast.cloudsim.ec2;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** IPv4 CIDR checks EC2 makes, on the ipaddress library. */
final class Cidr {

    private Cidr() {
    }

    /** The block, or {@code InvalidParameterValue} naming the field when it is not an IPv4 CIDR within the sizes. */
    static IPAddress parse(String field, String cidr, int largest, int smallest) {
        IPAddress address = new IPAddressString(cidr).getAddress();
        if (address == null || !address.isIPv4() || address.getNetworkPrefixLength() == null) {
            throw Ec2Call.invalid("Value (" + cidr + ") for parameter " + field + " is invalid. This is not a valid CIDR block.");
        }
        int prefix = address.getNetworkPrefixLength();
        if (prefix < largest || prefix > smallest) {
            throw Ec2Call.invalid("The CIDR '" + cidr + "' is invalid: the prefix must be between /" + largest + " and /" + smallest + ".");
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
