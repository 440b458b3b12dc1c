#include <gtest/gtest.h>

#include <cstring>

#include "engage/privacy.h"
#include "privacy/pii_scan.h"

namespace engage {
namespace {

// Text rules only (no URL handling): what the inline scanners alone make of `s`.
std::string inlineRedact(std::string_view s) {
  detail::Spans spans;
  detail::scanInline(s, 0, s.size(), detail::ScanRules{}, spans);
  return detail::applySpans(s, spans, RedactionConfig{});
}

bool card(const char* digits) { return detail::isCardNumber(digits, std::strlen(digits)); }

TEST(PiiScan, Emails) {
  EXPECT_EQ(inlineRedact("mail jane.doe+shop@example.co.uk now"), "mail [redacted:email] now");
  EXPECT_EQ(inlineRedact("<a.b@sub.example.com>"), "<[redacted:email]>");
  EXPECT_EQ(inlineRedact("jane%40example.com"), "[redacted:email]");
  EXPECT_EQ(inlineRedact("JANE@EXAMPLE.COM,bob@x.io"), "[redacted:email],[redacted:email]");
  EXPECT_EQ(inlineRedact("mailto:jane@example.com."), "mailto:[redacted:email].");
  // Not addresses: handles, hosts without a dot, numeric TLDs, lone at signs.
  for (const char* keep : {"@jane", "jane@localhost", "a@b.c", "x@1.23", "50 @ 3 EUR", "100%40ish"})
    EXPECT_EQ(inlineRedact(keep), keep);
}

TEST(PiiScan, LuhnAndCardRules) {
  for (const char* valid : {"4111111111111111", "5555555555554444", "378282246310005",
                            "6011111111111117", "30569309025904", "3530111333300000",
                            "2223003122003222", "4222222222222", "4111111111111111110"})
    EXPECT_TRUE(card(valid)) << valid;
  EXPECT_FALSE(card("4111111111111112")) << "Luhn fails";
  EXPECT_FALSE(card("1234567890123452")) << "Luhn-valid but no card network starts with 1";
  EXPECT_FALSE(card("9000000000000001")) << "Luhn-valid, prefix 9";
  EXPECT_FALSE(card("1767225600009")) << "a Luhn-valid epoch-ms timestamp";
  EXPECT_FALSE(card("4006381333924")) << "a Luhn-valid GTIN-13 barcode";
  EXPECT_FALSE(card("411111111111")) << "12 digits";
  EXPECT_FALSE(card("41111111111111111234")) << "20 digits";
  EXPECT_TRUE(detail::isCardNumber(uint64_t{4111111111111111}));
  EXPECT_FALSE(detail::isCardNumber(uint64_t{4111111111111112}));
}

TEST(PiiScan, CardNumbersInText) {
  EXPECT_EQ(inlineRedact("card 4111 1111 1111 1111 exp"), "card [redacted:card] exp");
  EXPECT_EQ(inlineRedact("4111-1111-1111-1111"), "[redacted:card]");
  EXPECT_EQ(inlineRedact("3782 822463 10005"), "[redacted:card]");
  EXPECT_EQ(inlineRedact("n=4111+1111+1111+1111"), "n=[redacted:card]");
  EXPECT_EQ(inlineRedact("4111%201111%201111%201111"), "[redacted:card]");
  EXPECT_EQ(inlineRedact("Order 1234 4111 1111 1111 1111"), "Order 1234 [redacted:card]");
  // Kept: Luhn failures (order ids), glued to letters, too long, timestamps, barcodes.
  for (const char* keep : {"order 4111111111111112", "ORD4111111111111111", "4111111111111111x",
                           "41111111111111111234", "ts 1767225600009", "ean 4006381333924",
                           "4111  1111 1111 1111", "2026-01-01T00:00:00.000Z", "+49 30 1234567"})
    EXPECT_EQ(inlineRedact(keep), keep);
}

TEST(PiiScan, BearerBasicAndJwt) {
  EXPECT_EQ(inlineRedact("Authorization: Bearer abc123DEF456ghi"),
            "Authorization: Bearer [redacted:token]");
  EXPECT_EQ(inlineRedact("basic dXNlcjpwYXNzd29yZA=="), "basic [redacted:token]");
  EXPECT_EQ(inlineRedact("Bearer%20ya29.a0AfH6SMBx"), "Bearer%20[redacted:token]");
  const char* jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
      "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  EXPECT_EQ(inlineRedact(std::string("t=") + jwt + " end"), "t=[redacted:token] end");
  // Kept: prose, short values, a single-dot "eyJ" string.
  for (const char* keep : {"Bearer Instrument", "basic self-service plan", "Bearer abc",
                           "the bearer of news", "eyJhbGciOiJIUzI1NiJ9.only", "key-eyJhbGciOiJIUzI1NiJ9.a.b"})
    EXPECT_EQ(inlineRedact(keep), keep);
}

TEST(PiiScan, SecretShapes) {
  EXPECT_TRUE(detail::looksLikeSecret("d41d8cd98f00b204e9800998ecf8427e", 32));
  EXPECT_TRUE(detail::looksLikeSecret("sk_live_51HqLyjWDarjtT1zdp7dcXYZab", 32));
  EXPECT_TRUE(detail::looksLikeSecret("QWxhZGRpbjpvcGVuIHNlc2FtZQ12345678==", 32));
  EXPECT_FALSE(detail::looksLikeSecret("d41d8cd98f00b204e9800998ecf8427", 32)) << "too short";
  EXPECT_FALSE(detail::looksLikeSecret("123e4567-e89b-12d3-a456-426614174000", 32)) << "uuid";
  EXPECT_FALSE(detail::looksLikeSecret("a-very-long-product-slug-for-search-engines", 32));
  EXPECT_FALSE(detail::looksLikeSecret("Summer Sale 2026 Women Shoes And Bags", 32));
}

TEST(PiiScan, NothingToFindCostsNoChange) {
  EXPECT_EQ(inlineRedact(""), "");
  EXPECT_EQ(inlineRedact("Running shoes, size 42, 19.99 EUR"), "Running shoes, size 42, 19.99 EUR");
  std::string binary("a\0b@c\0.com", 10);
  EXPECT_EQ(inlineRedact(binary), binary);
}

}  // namespace
}  // namespace engage
