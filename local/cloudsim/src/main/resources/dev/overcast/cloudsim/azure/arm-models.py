"""Dumps the msrest model metadata of Debian's python3-azure for the ARM types the front serves.

Run with /usr/bin/python3; prints one JSON document: per model its api-version, and per attribute the
wire key path, the type, required/readonly/constraints (from _validation) and enum values (from the
`str, Enum` class its __init__ annotation names). ArmWire checks the front against it where the REST
specs in shared/specs/azure do not reach. The packages pinned here are the newest python3-azure
(20230112) ships; azure-resourcemanager 2.50.0 sends newer api-versions (see the README of the specs).
"""
import importlib
import inspect
import json
import re
import sys

# (module, api-version, root models): the newest api-version of each package python3-azure ships.
PACKAGES = [
    ("azure.mgmt.resource.resources.v2022_09_01.models", "2022-09-01", ["ResourceGroup"]),
    ("azure.mgmt.network.v2022_07_01.models", "2022-07-01",
     ["VirtualNetwork", "Subnet", "VirtualNetworkGateway", "LocalNetworkGateway", "VirtualNetworkGatewayConnection"]),
    ("azure.mgmt.compute.v2022_08_01.models", "2022-08-01", ["VirtualMachine"]),
    ("azure.mgmt.compute.v2022_07_02.models", "2022-07-02", ["Disk"]),
]

ENUM_IN_ANNOTATION = re.compile(r'_models\.(\w+)')


def enum_values(models, init, attribute):
    parameter = init.parameters.get(attribute)
    if parameter is None or parameter.annotation is inspect.Parameter.empty:
        return None
    for name in ENUM_IN_ANNOTATION.findall(str(parameter.annotation)):
        enum = getattr(models, name, None)
        # An enum its own documentation deprecates (VirtualMachineSizeTypes: "The enum data type is
        # currently deprecated", sizes come from the resource SKUs API) is an open set: no values to check.
        if "enum data type is currently deprecated" in " ".join((enum.__doc__ or "").split()):
            return None
        if isinstance(enum, type) and issubclass(enum, str) and hasattr(enum, "__members__"):
            return sorted(member.value for member in enum)
    return None


def model_names(type_name):
    """Model classes a msrest type string names: 'X', '[X]', '{X}'."""
    return [type_name.strip("[]{}")]


def dump(models, api_version, roots, out, prefix):
    pending = list(roots)
    while pending:
        name = pending.pop()
        qualified = prefix + "." + name
        if qualified in out:
            continue
        cls = getattr(models, name)
        validation = getattr(cls, "_validation", {})
        init = inspect.signature(cls.__init__)
        attributes = {}
        for attribute, wire in cls._attribute_map.items():
            rules = dict(validation.get(attribute, {}))
            entry = {"key": wire["key"], "type": wire["type"]}
            entry.update({rule: value for rule, value in rules.items() if value is not None})
            values = enum_values(models, init, attribute)
            if values:
                entry["enum"] = values
            for inner in model_names(wire["type"]):
                if isinstance(getattr(models, inner, None), type) and hasattr(getattr(models, inner), "_attribute_map"):
                    entry["type"] = wire["type"].replace(inner, prefix + "." + inner)
                    pending.append(inner)
            attributes[attribute] = entry
        out[qualified] = {"apiVersion": api_version, "attributes": attributes}


def main():
    out = {}
    roots = {}
    for module, api_version, names in PACKAGES:
        models = importlib.import_module(module)
        prefix = module.split(".")[2] + "." + module.split(".")[-2]
        dump(models, api_version, names, out, prefix)
        roots.update({name: prefix + "." + name for name in names})
    json.dump({"roots": roots, "models": out}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
