package dev.overcast.core.address;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IncompatibleAddressException;
import java.math.BigInteger;

/** The few CIDR operations the plan needs, on the ipaddress library. */
public final class AddressBlocks {
    private AddressBlocks() {
    }

    /**
     * Parses an IPv4 CIDR such as {@code 10.10.0.0/16}. The library also reads ranges ({@code 1-300},
     * {@code 10.0-1.0.0/16}) and wildcards ({@code *}); none of them is one CIDR block, so each is
     * refused like any other text that is not one.
     */
    public static IPAddress parse(String cidr) throws AddressStringException {
        IPAddress address;
        try {
            address = new IPAddressString(cidr).toAddress();
        } catch (IncompatibleAddressException e) {
            address = null;
        }
        if (address == null || !address.isIPv4() || !address.isPrefixed() || address.isMultiple() && !address.isSinglePrefixBlock()) {
            throw new AddressStringException(cidr + " is not an IPv4 CIDR like 10.10.0.0/16");
        }
        return address;
    }

    /** Parses a CIDR the plan itself produced or validated. */
    public static IPAddress block(String cidr) {
        try {
            return parse(cidr);
        } catch (AddressStringException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The {@code index}-th block of length {@code prefix} inside {@code block}. */
    public static IPAddress nth(IPAddress block, int prefix, long index) {
        BigInteger size = BigInteger.ONE.shiftLeft(block.getBitCount() - prefix);
        IPAddress start = block.getLower().withoutPrefixLength().increment(size.multiply(BigInteger.valueOf(index)).longValueExact());
        IPAddress sub = start.toPrefixBlock(prefix);
        if (!block.contains(sub)) {
            throw new IllegalArgumentException("block " + index + " of /" + prefix + " is outside " + block);
        }
        return sub;
    }

    /** The last block of length {@code prefix} inside {@code block}. */
    public static IPAddress last(IPAddress block, int prefix) {
        return block.getUpper().withoutPrefixLength().toPrefixBlock(prefix);
    }

    /** Whether two CIDR blocks share an address (for prefix blocks: one contains the other). */
    public static boolean overlap(IPAddress a, IPAddress b) {
        return a.contains(b) || b.contains(a);
    }

    /** The {@code index}-th address of a CIDR block the plan produced ({@code 0} is the network address). */
    public static String host(String cidr, int index) {
        IPAddress network = block(cidr);
        IPAddress host = network.getLower().withoutPrefixLength().increment(index);
        if (!network.contains(host)) {
            throw new IllegalArgumentException("address " + index + " is outside " + cidr);
        }
        return host.toCanonicalString();
    }

    public static String text(IPAddress block) {
        return block.toCanonicalString();
    }
}
