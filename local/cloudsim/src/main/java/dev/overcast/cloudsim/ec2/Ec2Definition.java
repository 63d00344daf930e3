package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.wire.WireDefinition;
import java.util.List;
import java.util.stream.Stream;

/** The AWS front's definition for the wire report: every operation of botocore's EC2 and STS models. */
public final class Ec2Definition implements WireDefinition {

    @Override
    public String cloud() {
        return Ec2Call.FRONT;
    }

    @Override
    public List<String> definedOperations() {
        return Stream.of(BotocoreModel.ec2(), BotocoreModel.sts())
                .flatMap(model -> model.map(BotocoreModel::operations).orElse(List.of()).stream())
                .toList();
    }
}
