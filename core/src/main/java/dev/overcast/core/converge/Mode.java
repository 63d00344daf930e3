package dev.overcast.core.converge;

/**
 * What a converge round works towards: {@code CREATE} and {@code RECONCILE} apply the whole diff,
 * {@code DESTROY} deletes every owned resource it finds.
 */
public enum Mode { CREATE, RECONCILE, DESTROY }
