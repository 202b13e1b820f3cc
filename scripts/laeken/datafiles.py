"""Reading YAML: one loader for pages and data files."""

import yaml

# libyaml's fast parser when PyYAML has it (every build reads the data of both languages).
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
