package dev.overcast.asl.task;

import java.util.List;
import java.util.Optional;

/** The registry of integrations; the first one that handles a resource runs it. */
public final class TaskResources {
    private final List<TaskResource> resources;

    public TaskResources(List<TaskResource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static TaskResources none() {
        return new TaskResources(List.of());
    }

    public TaskResources with(TaskResource resource) {
        List<TaskResource> all = new java.util.ArrayList<>(resources);
        all.add(resource);
        return new TaskResources(all);
    }

    public Optional<TaskResource> find(String resource) {
        return resources.stream().filter(r -> r.handles(resource)).findFirst();
    }
}
