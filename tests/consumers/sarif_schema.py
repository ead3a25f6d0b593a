"""Validates a SARIF file against the SARIF 2.1.0 JSON schema with the
`jsonschema` package. Usage: sarif_schema.py SCHEMA SARIF. Prints each
error with its JSON path and exits 1 when there is one."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors:
    print(f"{'/'.join(map(str, e.absolute_path))}: {e.message}")
print(f"{cls.__name__}: {len(errors)} errors, {len(doc['runs'][0]['results'])} results")
sys.exit(1 if errors else 0)
