package dev.overcast.functions.api;

/** The state machines the API starts, by the name {@code template.yaml} gives them after the stage prefix. */
public enum Flow {
    CREATE("create-cluster"),
    RECONCILE("reconcile-cluster"),
    DESTROY("destroy-cluster"),
    RECONCILE_ALL("reconcile-all");

    private final String machine;

    Flow(String machine) {
        this.machine = machine;
    }

    /** e.g. {@code create-cluster}; the deployed machine is {@code overcast-<stage>-create-cluster}. */
    public String machine() {
        return machine;
    }
}
