package dev.overcast.cloudsim.gcp;

/**
 * The states a Compute resource goes through on the world's timeline. Resources whose JSON has no
 * {@code status} field (networks, firewalls, gateways) are what a real project shows: absent until their
 * insert operation is done, absent again once their delete began.
 */
record Lifecycle(String creating, String ready, String deleting, String gone, boolean reportsStatus) {

    static Lifecycle statusless() {
        return new Lifecycle("CREATING", "READY", "DELETING", "DELETED", false);
    }

    /** Whether reads (get, list) show the resource in this state. */
    boolean visible(String state, boolean retired) {
        return reportsStatus ? !state.equals(gone) : state.equals(ready) && !retired;
    }
}
