"""`python -m ladder schema` prints the JSON Schema of the data file (`make schema` writes it)."""

import json
import sys

from .schema import json_schema

if __name__ == "__main__":
    if sys.argv[1:] != ["schema"]:
        sys.exit("usage: python -m ladder schema")
    print(json.dumps(json_schema(), indent=2))
