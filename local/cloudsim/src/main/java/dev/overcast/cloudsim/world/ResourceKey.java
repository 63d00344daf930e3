package dev.overcast.cloudsim.world;

/** Where a resource lives in the world: front (cloud), account, region, type and id. */
public record ResourceKey(String front, String account, String region, String type, String id) {}
