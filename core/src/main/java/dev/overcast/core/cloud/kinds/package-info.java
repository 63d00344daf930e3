/**
 * Typed views of one kind's planned attributes, for the clients: the plan keeps its attributes as strings
 * (lists comma-separated, see {@link dev.overcast.core.plan.Attributes}) so it serialises byte-identically,
 * and these views are the one place that reads those strings back as lists, pairs and numbers. A malformed
 * value is a terminal failure naming the kind, the resource and the attribute.
 */
package dev.overcast.core.cloud.kinds;
