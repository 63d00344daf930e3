package dev.overcast.functions;

import java.util.function.Function;

/**
 * One step of a flow: a small input record in, a small result record out. The classes let Spring
 * Cloud Function (and the local world) turn JSON into the input without reflection on lambdas.
 */
public interface Step<I, O> extends Function<I, O> {

    Class<I> input();

    Class<O> output();
}
