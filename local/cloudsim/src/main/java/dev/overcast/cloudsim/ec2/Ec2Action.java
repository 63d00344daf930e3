package dev.overcast.cloudsim.ec2;

/** One EC2 action: reads the call, changes the world, writes the members of {@code <ActionResponse>}. */
@FunctionalInterface
interface Ec2Action {
    void answer(Ec2Call call, Xml out);
}
