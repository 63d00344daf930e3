package dev.overcast.asl.sam;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation's short-form intrinsics ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, …) as
 * their long form ({@code {"Ref": …}}, {@code {"Fn::GetAtt": […]}}), so a template parses as plain data.
 */
final class CloudFormationTags extends SafeConstructor {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "ToJsonString", "Length");

    CloudFormationTags() {
        super(new LoaderOptions());
        yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
        yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
        FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name)));
    }

    private final class LongForm extends AbstractConstruct {
        private final String key;

        LongForm(String key) {
            this.key = key;
        }

        @Override
        public Object construct(Node node) {
            Object value;
            if (node instanceof ScalarNode scalar) {
                value = constructScalar(scalar);
                if (key.equals("Fn::GetAtt")) {
                    String text = (String) value;
                    int dot = text.indexOf('.');
                    value = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                }
            } else if (node instanceof SequenceNode sequence) {
                value = constructSequence(sequence);
            } else {
                value = constructMapping((MappingNode) node);
            }
            return Map.of(key, value);
        }
    }
}
