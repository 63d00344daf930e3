/**
 * What {@code overcast bench cold-start} runs in a fresh JVM on a Lambda artifact's classpath: the same
 * converge step once through Spring Cloud Function's {@code FunctionInvoker} ({@link BenchLambda}) and
 * once through a plain {@code RequestHandler} ({@link PlainConverge}), with the cloud adapter pointed at
 * cloudsim ({@link CloudSimAdapter}) and the store at DynamoDB Local. Nothing here may reach beyond the
 * function modules, the cloud adapters and the store: these classes are copied next to the artifact.
 */
package dev.overcast.runtime.bench.coldstart;
