#include "static_files.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace engage::collector {
namespace {

namespace fs = std::filesystem;
using testing::writeFile;

// A miniature repo root with a secret beside the served folders.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(dir / "web-demo/shop/index.html", "<h1>shop</h1>");
    writeFile(dir / "web-demo/shop/css/site.css", "body{}");
    writeFile(dir / "web-demo/shop/.env", "TOKEN=1");
    writeFile(dir / "web-demo/shop-private/x.html", "private");
    writeFile(dir / "web-demo/dashboard/index.html", "<h1>dashboard</h1>");
    writeFile(dir / "js/dist/engage.wasm", std::string("\0asm", 4));
    writeFile(dir / "js/dist/engage.mjs", "export {}");
    writeFile(dir / "secret.txt", "secret");
    fs::create_symlink(dir / "secret.txt", dir / "web-demo/shop/escape.txt");
    fs::create_directory_symlink(dir.path(), dir / "web-demo/shop/up");
  }
  testing::TempDir dir;
  StaticFiles files = StaticFiles::forRepo(dir.path());
};

TEST_F(StaticFilesTest, ServesEachMountWithItsIndex) {
  ApiResponse shop = files.serve("/");
  EXPECT_EQ(shop.status, 200);
  EXPECT_EQ(shop.body, "<h1>shop</h1>");
  EXPECT_EQ(shop.contentType, "text/html; charset=utf-8");
  EXPECT_EQ(files.serve("/index.html").body, "<h1>shop</h1>");
  EXPECT_EQ(files.serve("/css/site.css").contentType, "text/css; charset=utf-8");
  EXPECT_EQ(files.serve("/dashboard/").body, "<h1>dashboard</h1>");
  EXPECT_EQ(files.serve("/dist/engage.mjs").body, "export {}");
}

TEST_F(StaticFilesTest, WasmAndModulesGetTheTypesBrowsersRequire) {
  ApiResponse wasm = files.serve("/dist/engage.wasm");
  EXPECT_EQ(wasm.status, 200);
  EXPECT_EQ(wasm.contentType, "application/wasm");
  EXPECT_EQ(wasm.body.size(), 4u);
  EXPECT_EQ(files.serve("/dist/engage.mjs").contentType, "text/javascript; charset=utf-8");
  EXPECT_EQ(mimeTypeFor("a/engage.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mimeTypeFor("x.SVG"), "image/svg+xml");
  EXPECT_EQ(mimeTypeFor("x.json"), "application/json");
  EXPECT_EQ(mimeTypeFor("noext"), "application/octet-stream");
}

TEST_F(StaticFilesTest, MountWithoutSlashRedirects) {
  ApiResponse redirect = files.serve("/dashboard");
  EXPECT_EQ(redirect.status, 301);
  ASSERT_EQ(redirect.headers.size(), 1u);
  EXPECT_EQ(redirect.headers[0], (std::pair<std::string, std::string>{"Location", "/dashboard/"}));
}

TEST_F(StaticFilesTest, RefusesEveryWayOutOfTheMount) {
  for (const char* attempt :
       {"/../secret.txt", "/../../secret.txt", "/css/../../secret.txt", "/dashboard/../../secret.txt",
        "/dist/../../secret.txt", "/..", "/./index.html", "/.env", "/css/..\\..\\secret.txt",
        "/escape.txt", "/up/secret.txt", "/../shop-private/x.html"}) {
    EXPECT_FALSE(files.resolve(attempt).has_value()) << attempt;
    ApiResponse response = files.serve(attempt);
    EXPECT_EQ(response.status, 404) << attempt;
    EXPECT_EQ(response.body.find("secret\""), std::string::npos) << attempt;
    EXPECT_NE(response.body, "secret") << attempt;
  }
  EXPECT_FALSE(files.resolve(std::string_view("/index.html\0.txt", 16)).has_value());
}

TEST_F(StaticFilesTest, MissingFilesAndMissingMountsAre404) {
  EXPECT_EQ(files.serve("/nope.html").status, 404);
  EXPECT_EQ(files.serve("/dist/none.js").status, 404);
  fs::remove_all(dir / "js/dist");  // the SDK not built yet
  EXPECT_EQ(files.serve("/dist/engage.js").status, 404);
  EXPECT_EQ(files.serve("/").status, 200);
}

TEST(StaticFilesRepo, ServesTheRealShopAndDashboard) {
  StaticFiles files = StaticFiles::forRepo(ENGAGE_REPO_ROOT);
  ApiResponse shop = files.serve("/");
  EXPECT_EQ(shop.status, 200);
  EXPECT_NE(shop.body.find("/dist/engage.js"), std::string::npos);
  EXPECT_EQ(files.serve("/dashboard/").status, 200);
}

}  // namespace
}  // namespace engage::collector
