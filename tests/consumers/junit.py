"""Reads a JUnit XML file with junitparser (the reader behind the
publish-unit-test-result action) and prints what a CI test report shows:
a JSON list of [suite, case, result kind, message, line] and the totals."""
import json
import sys

from junitparser import JUnitXml

xml = JUnitXml.fromfile(sys.argv[1])
cases = []
for suite in xml:
    for case in suite:
        result = case.result[0] if case.result else None
        cases.append(
            [
                suite.name,
                case.name,
                type(result).__name__ if result else "passed",
                result.message if result else None,
                case._elem.get("line"),
            ]
        )
totals = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors}
print(json.dumps({"cases": cases, "totals": totals}, ensure_ascii=False))
