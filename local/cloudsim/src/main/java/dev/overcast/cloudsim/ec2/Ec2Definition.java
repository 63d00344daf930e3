package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.wire.WireDefinition;
import java.util.List;

/** The EC2 front's definition for the wire report: every operation of botocore's EC2 model. */
public final class Ec2Definition implements WireDefinition {

    @Override
    public String cloud() {
        return Ec2Call.FRONT;
    }

    @Override
    public List<String> definedOperations() {
        return Ec2Model.get().map(Ec2Model::operations).orElse(List.of());
    }
}
