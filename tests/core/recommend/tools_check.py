#!/usr/bin/env python3
"""Contract checks for the native recommendation tools (registered with ctest natively).

engage-model must read the collector's SQLite database (table events, column json), the OTTO
JSONL fixture and a session,item,timestamp CSV, write a model that engage-eval's protocol run can
use, report progress on stderr, and fail with exit 2 on bad arguments / 1 on unreadable input.
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "otto-sample", "train.jsonl")


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def event(visitor, session, name, ts_sec, product=None, products=None, category=None):
    props = {}
    if product is not None:
        props["product_id"] = product
    if products is not None:
        props["products"] = [{"product_id": p} for p in products]
    if category is not None:
        props["category"] = category
    iso = "2026-01-%02dT%02d:%02d:%02dZ" % (1 + ts_sec // 86400, ts_sec // 3600 % 24, ts_sec // 60 % 60, ts_sec % 60)
    return {"type": "track", "event": name, "anonymousId": visitor, "sessionId": session,
            "timestamp": iso, "properties": props, "messageId": "%s-%d-%s" % (visitor, ts_sec, name)}


def make_db(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE events (message_id TEXT PRIMARY KEY, type TEXT, event TEXT, json TEXT NOT NULL)")
    rows = []
    for v in range(30):  # every visitor views p1 -> p2 -> p3, adds p2, orders it; noise on p4
        t = v * 5000
        rows.append(event("v%d" % v, t, "Product Viewed", t + 1, "p1", category="shoes"))
        rows.append(event("v%d" % v, t, "Product Viewed", t + 2, "p2", category="shoes"))
        rows.append(event("v%d" % v, t, "Product Viewed", t + 3, "p3", category="hats"))
        rows.append(event("v%d" % v, t, "Product Added", t + 4, "p2"))
        rows.append(event("v%d" % v, t, "Order Completed", t + 5, products=["p2", "p4"]))
        rows.append({"type": "page", "anonymousId": "v%d" % v, "timestamp": "2026-01-01T00:00:00Z"})
    for i, r in enumerate(rows):
        db.execute("INSERT INTO events VALUES (?,?,?,?)", (str(i), r["type"], r.get("event"), json.dumps(r)))
    db.commit()
    db.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--eval", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "engage.db")
        make_db(db)
        out = os.path.join(tmp, "shop.egrm")
        r = run([a.model, "--input", db, "--output", out])
        check(r.returncode == 0, "engage-model on a collector db: " + r.stderr)
        check("4 items" in r.stdout and "categories yes" in r.stdout, "db model summary: " + r.stdout)
        check("read 180 lines, 180 events" in r.stderr, "progress on stderr: " + r.stderr)
        with open(out, "rb") as f:
            check(f.read(4) == b"EGRM", "model magic")

        r = run([a.model, "--input", FIXTURE, "--output", out, "--min-item-support", "2"])
        check(r.returncode == 0 and "135 items" in r.stdout, "engage-model on OTTO: " + r.stdout + r.stderr)

        csv = os.path.join(tmp, "log.csv")
        with open(csv, "w") as f:
            f.write("session,item,timestamp\n")
            for s in range(20):
                for i, item in enumerate(["a", "b", "c"]):
                    f.write("s%d,%s,%d\n" % (s, item, 1700000000 + s * 100 + i))
        r = run([a.model, "--input", csv, "--output", out, "--quiet"])
        check(r.returncode == 0 and "3 items" in r.stdout and r.stderr == "", "csv: " + r.stdout + r.stderr)

        r = run([a.eval, "--input", FIXTURE, "--min-item-support", "2", "--test-days", "2", "--json", "--quiet"])
        check(r.returncode == 0, "engage-eval on OTTO: " + r.stderr)
        report = json.loads(r.stdout)
        names = [m["method"] for m in report["methods"]]
        check(names == ["popular", "sr", "vsknn", "stan", "vstan", "engage"], "methods: %s" % names)
        for m in report["methods"]:
            check(m["predictions"] == 30, "30 predictions each: %s" % m)
            check(0 <= m["mrr20"] <= m["hr20"] <= 1 and m["hr5"] <= m["hr10"] <= m["hr20"], "metric order %s" % m)

        check(run([a.model, "--input", csv]).returncode == 2, "missing --output is a usage error")
        check(run([a.model, "--input", csv, "--output", out, "--max-rules", "x"]).returncode == 2, "bad number")
        check(run([a.model, "--input", os.path.join(tmp, "missing.csv"), "--output", out]).returncode == 1,
              "unreadable input is exit 1")
        check(run([a.eval, "--input", csv, "--methods", "gru4rec"]).returncode == 2, "unknown method")
    print("ok")


if __name__ == "__main__":
    main()
