package dev.overcast.clouds.azure.vpn;

import java.util.regex.Pattern;

/** Azure's range for custom BGP addresses on VPN gateways: 169.254.21.0 to 169.254.22.255. */
final class Apipa {

    private static final Pattern ADDRESS = Pattern.compile("169\\.254\\.(21|22)\\.(\\d{1,3})");

    private Apipa() {
    }

    static boolean contains(String address) {
        var m = address == null ? null : ADDRESS.matcher(address);
        return m != null && m.matches() && Integer.parseInt(m.group(2)) <= 255;
    }
}
