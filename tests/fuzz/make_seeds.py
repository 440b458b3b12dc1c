#!/usr/bin/env python3
"""Writes the hand-made seed inputs of every fuzz target into tests/fuzz/corpus/<target>/seed-*.

Seeds are small valid inputs (taken from tests/spec vectors and the documented shapes) so the
fuzzer starts from what the parsers accept. Regression inputs (crash-*, found by fuzzing and
fixed) live beside them and are never rewritten by this script.
Run: python3 tests/fuzz/make_seeds.py [--engage-model build/fuzz/bin/engage-model]
(idempotent: rewrites seed-* only). The recommendation model seeds are real model files written by
the engage-model tool from a small generated CSV; they are rewritten only when the tool is given.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SPEC = os.path.join(REPO, "tests", "spec")


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def write(target, name, text):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def wire_events():
    with open(os.path.join(SPEC, "wire_formats.json"), encoding="utf-8") as f:
        return json.load(f)["events"]


PAGE_CONTEXT = {"page": {"url": "https://shop.example/p/1?utm_source=news&email=jane@example.com",
                         "path": "/p/1", "title": "Shoe", "referrer": "https://shop.example/",
                         "search": "?utm_source=news"},
                "locale": "en-US", "timezone": "Europe/Berlin",
                "campaign": {"source": "news", "medium": "email"}}


def engine_seeds():
    configure = {"op": "configure", "config": {"writeKey": "demo", "endpoint": "/v1/batch",
                                                "flushIntervalMs": 100, "maxBatchEvents": 3}}
    write("engine_commands", "track", compact([
        configure,
        {"op": "context", "context": PAGE_CONTEXT},
        {"op": "page", "name": "Product", "ts": 1767225600000},
        {"op": "track", "event": "Product Added", "ts": 1767225601000,
         "messageId": "0f8fad5b-d9cb-469f-a165-70867728950e",
         "properties": {"product_id": "sku-1", "price": 19.9, "quantity": 2,
                        "products": [{"product_id": "sku-2", "price": 5}]}},
        {"op": "identify", "userId": "u-7", "traits": {"plan": "pro", "email": "x@y.example"}},
        {"op": "group", "groupId": "g-1", "traits": {"name": "Acme"}},
        {"op": "alias", "userId": "u-8", "previousId": "u-7"},
        {"op": "flush"}, {"op": "state"}, {"op": "deliveryStats"}]))
    write("engine_commands", "destinations", compact([
        {"op": "configure", "tabId": "tab-1",
         "config": {"storagePrefix": "x.", "destinations": [
             {"url": "/v1/batch", "format": "engage", "gzip": True},
             {"url": "https://eu.posthog.example/batch/", "format": "posthog", "writeKey": "phc_1"},
             {"url": "https://api.segment.example/v1/batch", "format": "segment"}],
             "maxQueueEvents": 5, "maxQueueBytes": 4000, "maxEventAgeMs": 60000,
             "retryBaseMs": 10, "retryMaxMs": 100, "heartbeatMs": 50, "tabStaleMs": 100,
             "unloadBudgetBytes": 2000,
             "limits": {"maxNameLength": 20, "maxDepth": 3, "maxEventBytes": 2000, "maxIdLength": 8}}},
        {"op": "track", "event": "A", "properties": {"a": {"b": {"c": {"d": 1}}}}},
        {"op": "track", "event": "B" * 30},
        {"op": "online", "online": False}, {"op": "track", "event": "C"},
        {"op": "online", "online": True},
        {"op": "pagehide"}, {"op": "pageshow"}, {"op": "adopt", "live": ["tab-1", "tab-2"]},
        {"op": "reset"}, {"op": "state"}]))
    write("engine_commands", "consent", compact([
        {"op": "configure", "config": {"consent": {"model": "opt-in"},
                                       "redaction": {"clickIds": "redact"}}},
        {"op": "gpc", "on": True},
        {"op": "context", "context": PAGE_CONTEXT},
        {"op": "track", "event": "Held", "properties": {"email": "jane@example.com"}},
        {"op": "consent", "choice": {"analytics": True, "marketing": True}},
        {"op": "consentMode", "signals": {"ad_storage": "denied", "analytics_storage": "granted"}},
        {"op": "tcf", "tcData": {"gdprApplies": True, "eventStatus": "tcloaded",
                                 "purpose": {"consents": {"1": True, "8": True}}}},
        {"op": "consentState"}, {"op": "consentForget"}, {"op": "track", "event": "After"}]))
    write("engine_commands", "features", compact([
        {"op": "configure", "config": {}},
        {"op": "attributes", "attributes": {"id": "u-1", "country": "DE", "browser": "firefox"}},
        {"op": "features", "payload": {"features": {
            "banner": {"defaultValue": False, "rules": [
                {"condition": {"country": {"$in": ["DE", "AT"]}}, "force": True}]},
            "price-test": {"defaultValue": 1, "rules": [
                {"key": "exp-1", "variations": [1, 2], "weights": [0.5, 0.5],
                 "hashAttribute": "id", "coverage": 1}]}}}},
        {"op": "feature", "key": "banner"}, {"op": "feature", "key": "price-test"},
        {"op": "experiment", "key": "exp-1"},
        {"op": "experiment", "definition": {"key": "inline", "variations": ["a", "b", "c"]}},
        {"op": "flush"}]))
    write("engine_commands", "single", compact({"op": "configure", "config": {}}))
    write("engine_commands", "errors", compact([
        {"op": "track", "event": "too early"}, 3, {"op": 5}, {"op": "explode"},
        {"op": "configure", "config": {"maxBatchEvents": "x"}},
        {"op": "configure", "config": {"destinations": []}}, {"op": "configure"},
        {"op": "track", "event": ""}, {"op": "track", "event": "x", "properties": [1]},
        {"op": "context", "context": 7}]))


def stored_queue_seeds():
    events = [compact(e) for e in wire_events()]
    tabs = compact({"T1": {"seen": 1767225500000, "released": False},
                    "T2": {"seen": 1767225000000, "released": True},
                    "T3": {"seen": 1767225599000, "released": False}})
    meta = compact({"next": 3, "segs": [[1, 2, []], [2, 2, [0]]]})
    seg1 = "1767225600000|" + events[0] + "\n1767225601000|" + events[1]
    seg2 = "1767225602000|" + events[2] + "\n1767225603000|" + events[0]
    write("stored_queue", "two-segments", "\n--\n".join([tabs, meta, seg1, seg2]))
    old = compact({"next": 2, "segs": [[1, 3, [1]]]})
    seg = "1000|" + events[0] + "\n1767225601000|" + events[1] + "\n1767225602000|" + events[2]
    write("stored_queue", "expired", "\n--\n".join(["{}", old, seg]))


def experiment_seeds():
    with open(os.path.join(SPEC, "growthbook_cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    picked = 0
    for i, case in enumerate(cases["feature"]):
        if i % 4 == 0 and len(compact(case[1])) < 3000:
            write("experiment", "feature-%02d" % i, compact(case[1]))
            picked += 1
    for i, case in enumerate(cases["run"]):
        if i % 6 == 0:
            context = dict(case[1])
            context["experiment"] = case[2]
            write("experiment", "run-%02d" % i, compact(context))
    for i, case in enumerate(cases["evalCondition"]):
        if i % 12 == 0:
            context = {"attributes": case[2],
                       "features": {"f": {"defaultValue": 0,
                                          "rules": [{"condition": case[1], "force": 1}]}}}
            if len(case) > 4:
                context["savedGroups"] = case[4]
            write("experiment", "condition-%03d" % i, compact(context))
    for i, case in enumerate(cases["stickyBucket"]):
        if i % 4 == 0:
            write("experiment", "sticky-%02d" % i, compact(case[1]))


def privacy_seeds():
    write("privacy", "url", "https://x.example/users/jane@example.com/orders?q=jane%40example.com"
          "&token=abc123&gclid=Cj0KCQ&n=4111%201111%201111%201111")
    write("privacy", "text", "Reset: https://jane:hunter2@x.example/r?token=abc or mail "
          "jane@example.com, card 5555 5555 5555 4444, Bearer abcdefghijkl, "
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")
    write("privacy", "event", compact({
        "type": "track", "event": "Signed Up jane@example.com",
        "properties": {"email": "a@b.example", "note": "call 4111-1111-1111-1111",
                       "jane@example.com": 1, "nested": [{"url": "/p?password=x&sort=1"}]},
        "context": {"page": {"url": "https://s.example/?fbclid=abc&e-mail=x",
                             "title": "Hi jane@example.com", "referrer": ""}}}))
    write("privacy", "choice", compact({"analytics": True, "marketing": False,
                                        "personalization": True}))
    write("privacy", "choice-all", compact({"all": True}))
    write("privacy", "consent-mode", compact({
        "ad_storage": "granted", "analytics_storage": "denied", "ad_user_data": "granted",
        "ad_personalization": "denied", "personalization_storage": "granted",
        "functionality_storage": "granted", "security_storage": "granted", "wait_for_update": 500}))
    consents = {str(p): p in (1, 7, 8, 9, 10) for p in range(1, 12)}
    write("privacy", "tcf", compact({
        "tcString": "CPx...", "gdprApplies": True, "eventStatus": "useractioncomplete",
        "cmpStatus": "loaded", "listenerId": 1,
        "purpose": {"consents": consents, "legitimateInterests": {}},
        "vendor": {"consents": {"755": True}}}))
    write("privacy", "config", compact({
        "consent": {"model": "opt-in", "honourGpc": True, "cookieless": False,
                    "pendingMaxEvents": 10, "pendingMaxBytes": 5000,
                    "eventCategories": {"Experiment Viewed": "experiments", "Ad Click": "marketing"},
                    "tcfVendorId": 755},
        "redaction": {"emails": True, "cardNumbers": True, "tokens": False,
                      "queryParamDenylist": ["email", "sid"], "clickIds": "redact",
                      "propertyDenylist": ["secret"], "minSecretLength": 24}}))
    write("privacy", "stored-record", compact({
        "v": 1, "granted": ["necessary", "analytics"], "source": "user", "storage": True,
        "ts": 1767225000000}))


def collector_seeds():
    events = wire_events()
    write("collector_batch", "engage", compact({"batch": events, "sentAt": "2026-01-01T00:00:03.000Z",
                                                "writeKey": "demo"}))
    dup = dict(events[0])
    dup["sessionId"] = 1767225600000
    write("collector_batch", "duplicate", compact({"batch": [events[0], dup]}))
    write("collector_batch", "posthog", compact({"api_key": "phc_test", "batch": [
        {"event": "Product Added", "uuid": "11111111-1111-4111-8111-111111111111",
         "timestamp": "2026-01-01T00:00:00.000Z",
         "properties": {"distinct_id": "a-1", "$session_id": 1767225600000, "product_id": "sku-1"}},
        {"event": "$pageview", "uuid": "22222222-2222-4222-8222-222222222222",
         "timestamp": "2026-01-01T00:00:01+02:00",
         "properties": {"distinct_id": "u-1", "$current_url": "https://shop.example/"}}]}))
    write("collector_batch", "invalid-event", compact({"batch": [{"type": "track", "messageId": "m"}]}))


def recommend_request_seeds():
    write("recommend_request", "product", compact({
        "context": "product", "item": "p3", "session": ["p1", "p2", "p3"],
        "history": [{"item": "p7", "ts": 1767225000000, "weight": 3}], "cart": ["p9"],
        "purchased": ["p4"], "k": 5, "method": "engage", "now": 1767300000000,
        "filter": {"categories": ["c1", "c2"], "excludeCategories": ["c3"], "excludeItems": ["p5"],
                   "excludeSession": True, "maxPerCategory": 2, "pin": ["p11", "zz"],
                   "boost": {"items": {"p6": 2}, "categories": {"c1": 1.5}}}}))
    for method in ("vstan", "stan", "vsknn", "sr", "popular"):
        write("recommend_request", method, compact({"context": "cart", "cart": ["p1", "p2"],
                                                    "k": 4, "method": method}))
    write("recommend_request", "home", compact({"context": "home", "k": 100}))


def recommend_model_seeds(tool):
    """Input = one flag byte (bit 0: verify the checksum) + a model file written by engage-model."""
    rng = random.Random(7)
    lines = ["session,item,timestamp,category"]
    for s in range(60):
        a = rng.randrange(12)
        for j, item in enumerate([a, (a + 1) % 12, (a + 3) % 12][:2 + s % 2]):
            lines.append("s%d,i%d,%d,c%d" % (s, item, 1767225600 + s * 600 + j * 30, item % 3))
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "sessions.csv")
        with open(csv, "w") as f:
            f.write("\n".join(lines) + "\n")
        variants = {"full": [], "small": ["--max-sessions", "5", "--max-rules", "2"]}
        for name, extra in variants.items():
            out = os.path.join(tmp, name + ".egrm")
            subprocess.run([tool, "--input", csv, "--output", out, "--min-item-support", "1",
                            "--quiet"] + extra, check=True, stdout=subprocess.DEVNULL)
            with open(out, "rb") as f:
                model = f.read()
            write("recommend_model", name + "-verified", b"\x01" + model)
            write("recommend_model", name + "-unverified", b"\x00" + model)


if __name__ == "__main__":
    if "--engage-model" in sys.argv:
        recommend_model_seeds(sys.argv[sys.argv.index("--engage-model") + 1])
    engine_seeds()
    stored_queue_seeds()
    experiment_seeds()
    privacy_seeds()
    collector_seeds()
    recommend_request_seeds()
