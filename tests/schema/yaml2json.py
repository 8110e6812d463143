#!/usr/bin/env python3
"""YAML record files -> JSON files, read the way YAML 1.2 editors (yaml-language-server) read them.

Usage: yaml2json.py OUT_DIR FILE.yaml...   writes OUT_DIR/<n>.json for the n-th file (from 0)
and prints "<n>.json<TAB>FILE" per file, so a validator's complaint can be traced back.

PyYAML implements YAML 1.1; three differences matter for pilot's records and are undone here:
dates stay strings (JSON has no date type; the schemas use a pattern and format "date"),
only true/false are booleans (not yes/no/on/off), and 010 is the decimal 10, not octal.
"""
import json
import os
import re
import sys

import yaml


class Yaml12Loader(yaml.SafeLoader):
    pass


# Drop YAML 1.1's implicit timestamps, booleans and integers; put back YAML 1.2 core ones.
Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ('tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int')]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'),
                                   list('tTfF'))
Yaml12Loader.add_implicit_resolver('tag:yaml.org,2002:int', re.compile(r'^[-+]?[0-9]+$'), list('-+0123456789'))
Yaml12Loader.add_constructor('tag:yaml.org,2002:int', lambda loader, node: int(loader.construct_scalar(node), 10))


def main():
    out_dir, files = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    for n, path in enumerate(files):
        with open(path, encoding='utf-8-sig') as f:
            data = yaml.load(f, Loader=Yaml12Loader)
        name = f'{n}.json'
        with open(os.path.join(out_dir, name), 'w', encoding='utf-8') as f:
            json.dump(data, f, ensure_ascii=False)
        print(f'{name}\t{path}')


if __name__ == '__main__':
    main()
