"""Translates template.yaml the way `sam deploy` would, and prints the result as JSON.

What `sam package` does first is done here by hand: every local CodeUri and DefinitionUri stands in
for an uploaded S3 object, and the AWS::Include of the API contract is inlined. The translation is
aws-sam-translator's own (the library the SAM transform runs), with cfn-lint's YAML reader for the
short-form intrinsics. Usage: translate.py TEMPLATE  (prints the translated template on stdout).
"""
import json
import os
import sys

# The translator reads the region from a boto session; no call leaves the machine.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from cfnlint.decode import decode
from samtranslator.translator.transform import transform

# The AWS managed policies the template's policy templates and Tracing name, by name → ARN, as
# IAM lists them; SAM asks a loader for them instead of calling IAM.
MANAGED_POLICIES = {
    "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "AWSXRayDaemonWriteAccess": "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
}


class ManagedPolicies:
    def load(self):
        return MANAGED_POLICIES


def packaged(template, root):
    for name, resource in template["Resources"].items():
        properties = resource.get("Properties", {})
        if isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = "s3://overcast-artifacts/" + properties["CodeUri"] + ".zip"
        if isinstance(properties.get("DefinitionUri"), str):
            properties["DefinitionUri"] = "s3://overcast-artifacts/" + properties["DefinitionUri"]
        body = properties.get("DefinitionBody")
        if isinstance(body, dict) and "Fn::Transform" in body:
            location = body["Fn::Transform"]["Parameters"]["Location"]
            contract, problems = decode(os.path.join(root, location))
            if problems:
                raise SystemExit("cannot read %s: %s" % (location, problems))
            properties["DefinitionBody"] = contract
    return template


def main():
    path = sys.argv[1]
    template, problems = decode(path)
    if problems:
        raise SystemExit("cannot read %s: %s" % (path, problems))
    template = packaged(json.loads(json.dumps(template, default=str)), os.path.dirname(os.path.abspath(path)))
    parameters = {"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws"}
    translated = transform(template, parameters, ManagedPolicies())
    json.dump(translated, sys.stdout, indent=1, default=str)


if __name__ == "__main__":
    main()
