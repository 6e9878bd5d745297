"""Reads [{"name", "expr"}] as JSON on stdin; prints each expression that does not parse; exit 1 if any."""
import json
import sys

import promql_parser

failed = 0
for item in json.load(sys.stdin):
    try:
        promql_parser.parse(item["expr"])
    except Exception as error:  # the parser raises ValueError; anything else is as much a failure
        failed += 1
        print(f"{item['name']}: {error}: {item['expr']}")
sys.exit(1 if failed else 0)
