#!/usr/bin/python3
"""The engage-stats command-line contract: input from stdin or a file, flags overriding the input's
options, the table, arrays, and exit codes (0 ok, 1 an analysis failed, 2 usage / unreadable input).
Usage: /usr/bin/python3 tests/stats/cli_check.py --cli build/native/bin/engage-stats
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

CHECKOUT = {
    "experiment": "checkout-button", "metric": "Order Completed", "type": "proportion",
    "variations": [{"id": "0", "users": 5000, "conversions": 500}, {"id": "1", "users": 5100, "conversions": 580}],
    "weights": [0.5, 0.5],
}
# 55/45 under a 50/50 design: chi-square 20, p = 7.7e-6.
MISMATCH = dict(CHECKOUT, variations=[{"id": "0", "users": 1100, "conversions": 110},
                                      {"id": "1", "users": 900, "conversions": 95}])


class Cli:
    def __init__(self, path):
        self.path = path
        self.failures = 0

    def run(self, args, stdin=""):
        return subprocess.run([self.path] + args, input=stdin, capture_output=True, text=True, timeout=30)

    def expect(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        self.failures += 0 if condition else 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    cli = Cli(parser.parse_args().cli)

    r = cli.run([], json.dumps(CHECKOUT))
    out = json.loads(r.stdout) if r.returncode == 0 else {}
    cli.expect(r.returncode == 0 and out.get("ok") is True, "stdin JSON gives an ok result, exit 0")
    cli.expect(out.get("variations", [{}, {}])[1].get("test") == "welch-t", "default test is Welch")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "experiment.json")
        with open(path, "w") as f:
            json.dump(CHECKOUT, f)
        from_file = cli.run([path])
        cli.expect(from_file.returncode == 0 and from_file.stdout == r.stdout, "a FILE argument gives the same output")
        missing = cli.run([os.path.join(tmp, "missing.json")])
        cli.expect(missing.returncode == 2 and "cannot read" in missing.stderr, "a missing file exits 2")

    seq = json.loads(cli.run(["--sequential", "--tuning", "1000", "--alpha", "0.1"], json.dumps(CHECKOUT)).stdout)
    cli.expect(seq["variations"][1]["test"] == "sequential" and seq["options"]["sequentialTuning"] == 1000
               and seq["options"]["alpha"] == 0.1, "--sequential --tuning --alpha override the options")
    z = json.loads(cli.run(["--z"], json.dumps(CHECKOUT)).stdout)
    cli.expect(z["variations"][1]["test"] == "z", "--z selects the pooled z-test")

    table = cli.run(["--table"], json.dumps(CHECKOUT))
    cli.expect(table.returncode == 0 and "relative lift" in table.stdout and "SRM" in table.stdout
               and table.stdout.rstrip().endswith("ok"), "--table prints the table with an ok SRM line")
    flagged = cli.run(["--table"], json.dumps(MISMATCH))
    cli.expect("SAMPLE RATIO MISMATCH" in flagged.stdout, "--table shows the SRM warning for a 55/45 split")

    many = cli.run([], json.dumps([CHECKOUT, {"variations": []}]))
    results = json.loads(many.stdout)
    cli.expect(many.returncode == 1 and isinstance(results, list) and results[0]["ok"] and not results[1]["ok"],
               "an array gives an array of results; a failed analysis exits 1")
    cli.expect(results[1]["error"]["code"] == "invalid_experiment", "the failure carries its error code")

    bad = cli.run([], "{not json")
    cli.expect(bad.returncode == 2, "invalid JSON exits 2")
    usage = cli.run(["--frobnicate"])
    cli.expect(usage.returncode == 2 and "usage:" in usage.stderr, "an unknown flag prints usage and exits 2")
    cli.expect(cli.run(["--alpha", "x"], "{}").returncode == 2, "a non-numeric flag value exits 2")

    print("cli_check: %s" % ("all passed" if cli.failures == 0 else "%d failed" % cli.failures))
    return 1 if cli.failures else 0


if __name__ == "__main__":
    sys.exit(main())
