package dev.overcast.functions;

import java.util.function.Function;

/**
 * One step of a flow: a small input record in, a small result record out. The classes let Spring
 * Cloud Function (and the local world) turn JSON into the input without reflection on lambdas.
 */
public abstract class Step<I, O> implements Function<I, O> {
    private final Class<I> input;
    private final Class<O> output;

    protected Step(Class<I> input, Class<O> output) {
        this.input = input;
        this.output = output;
    }

    public final Class<I> input() {
        return input;
    }

    public final Class<O> output() {
        return output;
    }
}
