#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/privacy.h"

namespace engage {
namespace {

using detail::Json;

const char* kJwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

TEST(Redactor, QueryParamDenylist) {
  Redactor r;
  EXPECT_EQ(r.redactString("https://shop.example/p/1?email=x&E-Mail=y&sort=asc&Access_Token=abc"),
            "https://shop.example/p/1?email=[redacted]&E-Mail=[redacted]&sort=asc&"
            "Access_Token=[redacted]");
  EXPECT_EQ(r.redactString("/login?password=hunter2&pwd=1&next=/home"),
            "/login?password=[redacted]&pwd=[redacted]&next=/home");
  EXPECT_EQ(r.redactString("?code=4/0Adeu5&state=xyz&session="), "?code=[redacted]&state=xyz&session=");
}

TEST(Redactor, PiiInEveryUrlPart) {
  Redactor r;
  EXPECT_EQ(r.redactString("https://x.example/users/jane@example.com/orders?q=jane%40example.com"),
            "https://x.example/users/[redacted:email]/orders?q=[redacted:email]");
  EXPECT_EQ(r.redactString("https://x.example/pay?n=4111%201111%201111%201111&order=4111111111111112"),
            "https://x.example/pay?n=[redacted:card]&order=4111111111111112");
  EXPECT_EQ(r.redactString("https://app.example/cb#access_token=abc&token_type=Bearer&state=1"),
            "https://app.example/cb#access_token=[redacted]&token_type=Bearer&state=1");
  EXPECT_EQ(r.redactString("https://app.example/#/reset?key=d41d8cd98f00b204e9800998ecf8427e"),
            "https://app.example/#/reset?key=[redacted:token]");
  EXPECT_EQ(r.redactString("https://app.example/#/contact/jane@example.com"),
            "https://app.example/#/contact/[redacted:email]");
  EXPECT_EQ(r.redactString("https://app.example/reset/d41d8cd98f00b204e9800998ecf8427e/done"),
            "https://app.example/reset/[redacted:token]/done");
  EXPECT_EQ(r.redactString(std::string("https://api.example/v1?jwt=") + kJwt),
            "https://api.example/v1?jwt=[redacted:token]");
  EXPECT_EQ(r.redactString("https://jane:hunter2@host.example/a"),
            "https://[redacted:token]@host.example/a");
  // Ordinary URLs are returned unchanged.
  for (const char* keep : {"https://shop.example/p/running-shoes-42?utm_source=news&page=2#reviews",
                           "/c/123e4567-e89b-12d3-a456-426614174000", "?page=2", "#top"})
    EXPECT_EQ(r.redactString(keep), keep);
}

TEST(Redactor, ClickIdsByPolicy) {
  const char* url = "https://shop.example/?gclid=Cj0KCQ&fbclid=IwAR&li_fat_id=1&utm_source=g";
  const char* redacted =
      "https://shop.example/?gclid=[redacted]&fbclid=[redacted]&li_fat_id=[redacted]&utm_source=g";
  Redactor byDefault;
  EXPECT_EQ(byDefault.redactString(url, /*marketingGranted=*/false), redacted);
  EXPECT_EQ(byDefault.redactString(url, /*marketingGranted=*/true), url);
  RedactionConfig keep;
  keep.clickIds = ClickIdPolicy::Keep;
  EXPECT_EQ(Redactor(keep).redactString(url, false), url);
  RedactionConfig always;
  always.clickIds = ClickIdPolicy::Redact;
  EXPECT_EQ(Redactor(always).redactString(url, true), redacted);
}

TEST(Redactor, FreeTextWithEmbeddedUrls) {
  Redactor r;
  EXPECT_EQ(r.redactString("Reset: https://x.example/r?token=abc123 or mail jane@example.com"),
            "Reset: https://x.example/r?token=[redacted] or mail [redacted:email]");
  EXPECT_EQ(r.redactString("Order confirmation - card 5555 5555 5555 4444"),
            "Order confirmation - card [redacted:card]");
  EXPECT_EQ(r.redactString("Running Shoes | Shop"), "Running Shoes | Shop");
}

Json sampleEvent() {
  return Json::parse(R"({
    "type": "page", "name": "Checkout for jane@example.com",
    "properties": {
      "url": "https://shop.example/checkout?email=jane%40example.com&step=2",
      "title": "Pay with 4111 1111 1111 1111", "order_id": "4111111111111112",
      "password": "hunter2", "Card-Number": 4111111111111111, "cvv": 123, "token": null,
      "items": [{"sku": "4006381333924", "note": "ship to bob@example.org"},
                ["nested", {"deep": ["Bearer abc123DEF456ghi"]}]],
      "__proto__": {"polluted": "jane@example.com"}, "constructor": "x", "prototype": {"a": 1},
      "jane@example.com": true, "qty": 4111111111111112
    },
    "userId": "u-1", "anonymousId": "a@b.example.com", "messageId": "4111111111111111",
    "timestamp": "2026-01-01T00:00:00.000Z",
    "context": {
      "page": {"url": "https://shop.example/?fbclid=IwAR", "referrer": "https://mail.example/?to=bob@example.org",
               "title": "Hi jane@example.com", "path": "/p/1", "search": "?token=abc"},
      "library": {"name": "engage", "version": "0.1.0"},
      "consent": {"note": "jane@example.com"}, "ssn": "078-05-1120",
      "campaign": {"source": "news", "content": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}
    }
  })");
}

TEST(Redactor, WholeEvent) {
  Json e = sampleEvent();
  size_t count = Redactor().redactEvent(e);
  const Json& p = e["properties"];
  EXPECT_EQ(e["name"], "Checkout for [redacted:email]");
  EXPECT_EQ(p["url"], "https://shop.example/checkout?email=[redacted]&step=2");
  EXPECT_EQ(p["title"], "Pay with [redacted:card]");
  EXPECT_EQ(p["order_id"], "4111111111111112");
  EXPECT_EQ(p["password"], "[redacted]");
  EXPECT_EQ(p["Card-Number"], "[redacted]");
  EXPECT_EQ(p["cvv"], "[redacted]");
  EXPECT_TRUE(p["token"].is_null());
  EXPECT_EQ(p["items"][0]["sku"], "4006381333924");
  EXPECT_EQ(p["items"][0]["note"], "ship to [redacted:email]");
  EXPECT_EQ(p["items"][1][1]["deep"][0], "Bearer [redacted:token]");
  EXPECT_EQ(p["__proto__"]["polluted"], "[redacted:email]");
  EXPECT_EQ(p["constructor"], "x");
  EXPECT_EQ(p["prototype"]["a"], 1);
  EXPECT_FALSE(p.contains("jane@example.com"));
  EXPECT_EQ(p["[redacted:email]"], true);
  EXPECT_EQ(p["qty"], 4111111111111112u);
  const Json& c = e["context"];
  EXPECT_EQ(c["page"]["url"], "https://shop.example/?fbclid=[redacted]");
  EXPECT_EQ(c["page"]["referrer"], "https://mail.example/?to=[redacted:email]");
  EXPECT_EQ(c["page"]["title"], "Hi [redacted:email]");
  EXPECT_EQ(c["page"]["path"], "/p/1");
  EXPECT_EQ(c["page"]["search"], "?token=[redacted]");
  EXPECT_EQ(c["ssn"], "[redacted]");
  EXPECT_EQ(c["campaign"]["content"], "[redacted:token]");
  // Engine-owned fields are left alone.
  EXPECT_EQ(e["anonymousId"], "a@b.example.com");
  EXPECT_EQ(e["messageId"], "4111111111111111");
  EXPECT_EQ(c["consent"]["note"], "jane@example.com");
  EXPECT_EQ(c["library"]["version"], "0.1.0");
  EXPECT_EQ(count, 16u);  // values and keys changed
  // Idempotent: a second pass finds nothing.
  Json again = e;
  EXPECT_EQ(Redactor().redactEvent(again), 0u);
  EXPECT_EQ(again, e);
}

TEST(Redactor, NumbersThatAreCards) {
  Json v = Json::array({4111111111111111u, 4111111111111112u, 1767225600009, -4111111111111111, 19.99});
  EXPECT_EQ(Redactor().redactValue(v), 1u);
  EXPECT_EQ(v[0], "[redacted:card]");
  EXPECT_EQ(v[1], 4111111111111112u);
}

TEST(Redactor, ConfigurableSwitchesAndLists) {
  RedactionConfig config;
  config.emails = false;
  config.propertyDenylist = {"internal_note"};
  config.queryParamDenylist = {"q"};
  Redactor r(config);
  Json e = {{"type", "track"}, {"event", "x"},
            {"properties", {{"email", "jane@example.com"}, {"internalNote", "secret"},
                            {"u", "https://x.example/?q=1&email=2"}}}};
  r.redactEvent(e);
  EXPECT_EQ(e["properties"]["email"], "jane@example.com");
  EXPECT_EQ(e["properties"]["internalNote"], "[redacted]");
  EXPECT_EQ(e["properties"]["u"], "https://x.example/?q=[redacted]&email=2");
  RedactionConfig off;
  off.enabled = false;
  Json untouched = sampleEvent();
  EXPECT_EQ(Redactor(off).redactEvent(untouched), 0u);
  EXPECT_EQ(untouched, sampleEvent());
}

TEST(Redactor, DeepNestingIsBounded) {
  Json deep = "jane@example.com";
  for (int i = 0; i < 200; ++i) deep = Json::array({deep});
  Json e = {{"type", "track"}, {"properties", {{"deep", deep}}}};
  EXPECT_GE(Redactor().redactEvent(e), 1u);
  EXPECT_EQ(detail::dumpJson(e).find("jane@"), std::string::npos);
}

TEST(Redactor, OddInputsNeverCrash) {
  Redactor r;
  for (const char* s : {"", "@", "%", "%4", "%40", "://", "http://", "https://@", "?", "#", "?&&=&=",
                        "#=", "/", "//", "4", "4-", "eyJ", "Bearer", "bearer ", "a@b.", "x://y@"})
    EXPECT_NO_FATAL_FAILURE(r.redactString(s)) << s;
  Json odd = Json::array({nullptr, true, 1.5, Json::object(), Json::array(), std::string("\xff\xfe@x.com")});
  Json copy = odd;
  r.redactValue(odd);
  EXPECT_EQ(odd[0], copy[0]);
}

}  // namespace
}  // namespace engage
