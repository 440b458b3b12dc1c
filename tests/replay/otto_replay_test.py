#!/usr/bin/env python3
"""The replay tool's figures over the vendored OTTO sample equal an independent computation.

The reference below re-implements, in plain Python and from the written definitions
(docs/METRICS.md), the sessions, page views, carts, orders, cart abandonment, conversion and bounce
over tests/fixtures/otto-sample/train.jsonl, with the OTTO mapping documented in
sdk/tools/engage-replay/event_log.h. It shares no code with the C++ core. The sample is also
converted to Engage wire-format JSON lines (ISO timestamps, anonymousId) and replayed that way, which
must give the same figures.

Run by ctest (replay.otto):  otto_replay_test.py --tool <engage-replay> --fixture <train.jsonl>
"""
import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

SESSION_TIMEOUT_MS = 30 * 60 * 1000  # a gap >= this starts a new session
SESSION_MAX_MS = 24 * 60 * 60 * 1000  # activity at start + this (or later) starts a new session
ENGAGED_MIN_PAGES = 2                 # no engaged time in a log without Page Left events


def otto_stream(events):
    """(ts, kind) in replay order: OTTO rows in file order, the order rows of one ts merged into one
    order at the first row's place, then stably sorted by ts."""
    stream, order_seen = [], set()
    for e in events:
        if e["type"] == "orders":
            if e["ts"] in order_seen:
                continue
            order_seen.add(e["ts"])
        stream.append((e["ts"], e["type"]))
    return sorted(stream, key=lambda item: item[0])  # Python's sort is stable


def reference(path):
    totals = dict(visitors=0, sessions=0, pageViews=0, durationMs=0, engagedSessions=0,
                  convertedSessions=0, carts=0, cartsAbandoned=0, orders=0, purchasers=0,
                  repeatPurchasers=0, funnel=[0, 0, 0, 0])
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            visitor = json.loads(line)
            stream = otto_stream(visitor["events"])
            items_in_cart = 0
            orders = 0
            current = None

            def close(s):
                totals["sessions"] += 1
                totals["pageViews"] += s["pages"]
                totals["durationMs"] += s["last"] - s["start"]
                converted = s["orders"] > 0
                totals["convertedSessions"] += converted
                totals["engagedSessions"] += s["pages"] >= ENGAGED_MIN_PAGES or converted
                totals["carts"] += s["carted"]
                totals["cartsAbandoned"] += s["added_since_order"] and items_in_cart > 0
                for step in range(s["depth"]):
                    totals["funnel"][step] += 1

            for ts, kind in stream:
                if current is None or ts - current["last"] >= SESSION_TIMEOUT_MS or \
                        ts - current["start"] >= SESSION_MAX_MS:
                    if current is not None:
                        close(current)
                    current = dict(start=ts, last=ts, pages=0, orders=0, carted=False,
                                   added_since_order=False, depth=0)
                current["last"] = max(current["last"], ts)
                if kind == "clicks":
                    current["pages"] += 1
                    current["depth"] = max(current["depth"], 1)
                elif kind == "carts":
                    items_in_cart += 1
                    current["carted"] = current["added_since_order"] = True
                    current["depth"] = max(current["depth"], 2)
                elif kind == "orders":
                    items_in_cart = 0
                    orders += 1
                    current["orders"] += 1
                    current["added_since_order"] = False
                    current["depth"] = 4
            if current is not None:
                close(current)
                totals["visitors"] += 1
            totals["orders"] += orders
            totals["purchasers"] += orders >= 1
            totals["repeatPurchasers"] += orders >= 2
    s = totals["sessions"]
    totals["conversionRate"] = totals["convertedSessions"] / s
    totals["cartAbandonmentRate"] = totals["cartsAbandoned"] / totals["carts"] if totals["carts"] else 0
    totals["bounceRate"] = (s - totals["engagedSessions"]) / s
    totals["pagesPerSession"] = totals["pageViews"] / s
    totals["avgDurationMs"] = totals["durationMs"] / s
    totals["repeatPurchaseRate"] = totals["repeatPurchasers"] / totals["purchasers"]
    return totals


def as_engage_lines(path):
    """The sample as Engage wire-format events, one JSON per line, with ISO timestamps."""
    out = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            visitor = json.loads(line)
            anon = "otto-%d" % visitor["session"]
            orders = {}
            for e in visitor["events"]:
                iso = datetime.datetime.fromtimestamp(e["ts"] / 1000, datetime.timezone.utc) \
                    .strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (e["ts"] % 1000)
                base = {"anonymousId": anon, "timestamp": iso}
                aid = str(e["aid"])
                if e["type"] == "clicks":
                    out.append(dict(base, type="page", name="Product",
                                    context={"page": {"path": "/product/" + aid}}))
                    out.append(dict(base, type="track", event="Product Viewed",
                                    properties={"product_id": aid}))
                elif e["type"] == "carts":
                    out.append(dict(base, type="track", event="add_to_cart",  # GA4 alias
                                    properties={"items": [{"item_id": aid}]}))
                elif e["type"] == "orders":
                    if e["ts"] in orders:
                        orders[e["ts"]]["properties"]["products"].append({"product_id": aid})
                        continue
                    order = dict(base, type="track", event="Order Completed",
                                 properties={"products": [{"product_id": aid}]})
                    orders[e["ts"]] = order
                    out.append(order)
    return "\n".join(json.dumps(e) for e in out) + "\n"


def run_tool(tool, fmt, path):
    done = subprocess.run([tool, "--format", fmt, path], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def compare(label, got, want):
    failures = []
    for key in ["visitors", "sessions", "pageViews", "carts", "cartsAbandoned", "orders",
                "convertedSessions", "engagedSessions", "purchasers", "repeatPurchasers",
                "durationMs"]:
        if got[key] != want[key]:
            failures.append("%s: %s tool=%r reference=%r" % (label, key, got[key], want[key]))
    for key in ["conversionRate", "cartAbandonmentRate", "bounceRate", "pagesPerSession",
                "avgDurationMs", "repeatPurchaseRate"]:
        if not math.isclose(got[key], want[key], rel_tol=1e-12, abs_tol=1e-12):
            failures.append("%s: %s tool=%r reference=%r" % (label, key, got[key], want[key]))
    funnel = [step["sessions"] for step in got["funnel"]]
    if funnel != want["funnel"]:
        failures.append("%s: funnel tool=%r reference=%r" % (label, funnel, want["funnel"]))
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--fixture", required=True)
    args = parser.parse_args()

    want = reference(args.fixture)
    # Guard against a vacuous pass: the sample must exercise every figure compared.
    assert want["visitors"] == 20 and want["sessions"] > want["visitors"], want
    assert want["orders"] > 0 and want["cartsAbandoned"] > 0 and want["repeatPurchasers"] > 0, want
    assert 0 < want["cartAbandonmentRate"] < 1 and 0 < want["bounceRate"] < 1, want

    failures = compare("otto", run_tool(args.tool, "otto", args.fixture)["metrics"], want)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        tmp.write(as_engage_lines(args.fixture))
    try:
        failures += compare("engage", run_tool(args.tool, "engage", tmp.name)["metrics"], want)
    finally:
        os.unlink(tmp.name)

    print("reference: visitors=%d sessions=%d pageViews=%d carts=%d cartsAbandoned=%d orders=%d "
          "conversionRate=%.4f cartAbandonmentRate=%.4f bounceRate=%.4f funnel=%s" % (
              want["visitors"], want["sessions"], want["pageViews"], want["carts"],
              want["cartsAbandoned"], want["orders"], want["conversionRate"],
              want["cartAbandonmentRate"], want["bounceRate"], want["funnel"]))
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
