"""Summarise pip-audit's JSON (stdin): how many packages it audited, skipped, and found vulnerable.

Exit 1 when a known vulnerability was found, 0 otherwise. Never claims "no known vulnerabilities" for a
package it did not audit: pip-audit's own text output says "No known vulnerabilities found" even when
every package was skipped because its vulnerability service could not be reached.
"""

import json
import sys

report = json.load(sys.stdin)
dependencies = report.get("dependencies", [])
skipped = [d for d in dependencies if d.get("skip_reason")]
audited = [d for d in dependencies if not d.get("skip_reason")]
vulnerable = [d for d in audited if d.get("vulns")]
print(
    f"pip-audit: {len(audited)} of {len(dependencies)} packages audited, "
    f"{len(skipped)} could not be audited."
)
for dependency in vulnerable:
    ids = ", ".join(v.get("id", "?") for v in dependency["vulns"])
    print(f"  VULNERABLE {dependency['name']} {dependency.get('version', '')}: {ids}")
if vulnerable:
    sys.exit(1)
if not audited:
    print(
        "pip-audit: NOT CHECKED. Nothing is known about vulnerabilities in the installed packages."
    )
elif skipped:
    print(
        f"pip-audit: no known vulnerabilities in the {len(audited)} audited packages; "
        f"nothing is known about the {len(skipped)} it could not audit."
    )
else:
    print("pip-audit: no known vulnerabilities in any installed package.")
