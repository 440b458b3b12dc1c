// On-device recommendations: a compact binary model published by the site, scored in the page.
//
// Contracts (see docs/RECOMMEND.md for the file format, the algorithms and the measured quality):
// - Model::load() validates everything (magic, version, sizes, CRC-32, every index) and never
//   crashes or throws on hostile input: a bad file gives an error value.
// - Recommender::recommend() is deterministic: the same model, config and request give the same
//   ranking on every platform (native and wasm), because scoring uses only IEEE-exact arithmetic
//   (+ - * / sqrt) and Engage's own exp/log, never iterates hash containers and sorts with total
//   orders. Ties are broken by score (higher first), then popularity (more training events first),
//   then item id (bytewise ascending).
// - No exceptions, no I/O, no clocks: the caller passes "now" in the request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::recommend {

namespace detail {
struct ModelData;
class Workspace;
}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Configuration. Every default and limit lives here. Session-neighbourhood defaults are the
// configurations Ludewig et al. (UMUAI 2021) report as best for DIGINETICA in session-rec.

struct VsknnConfig {
  int neighbours = 500;      // k nearest sessions kept
  int sampleSize = 5000;     // most recent candidate sessions considered
  double idfWeight = 5.0;    // score *= 1 + idf(item) * idfWeight
  // Fixed as published: position weight (i/n)^2 in the similarity, 1/step decay in scoring.
};

struct StanConfig {
  int neighbours = 100;
  int sampleSize = 5000;
  double lambdaSpw = 2.45;      // session position weight exp((pos - n) / spw)
  double lambdaSnhDays = 20.0;  // neighbour recency exp(-age / snh), age in whole hours
  double lambdaInh = 9.8;       // item position in neighbour exp(-|p - p*| / inh)
};

struct VstanConfig {
  int neighbours = 1500;
  int sampleSize = 5000;
  double lambdaSpw = 4.9;
  double lambdaSnhDays = 40.0;
  double lambdaInh = 4.9;
  double lambdaIpw = 1.225;  // insertion position of the matched item in the current session
  double lambdaIdf = 10.0;   // score *= 1 + idf(item) * lambdaIdf
};

// Engage's blend: the session method, sequential rules from the current item, and the visitor's
// long-term history (earlier sessions on this device), each normalised to [0, 1] by its maximum.
// The weights were chosen on a validation split carved from the training data (docs/RECOMMEND.md).
struct BlendConfig {
  double sessionWeight = 1.0;        // weight of the session-neighbourhood method (VSTAN)
  double vsknnWeight = 0.0;          // weight of a second neighbourhood method (V-SKNN)
  double rulesWeight = 0.15;         // weight of sequential rules from the most recent item
  double secondHopWeight = 0.02;     // rules of the most recent item's rule targets (2 hops)
  double historyWeight = 0.1;        // weight of long-term affinity from earlier sessions
  double historyHalfLifeDays = 14;   // a history event counts half after this many days
  int maxHistoryItems = 20;          // strongest distinct history items used as anchors
  double historySelfWeight = 0.5;    // re-recommend a history item itself (relative to its rules)
};

struct ScoringConfig {
  int maxSessionItems = 50;  // only the most recent items of the session are used
  int maxK = 100;            // k above this is clamped
  VsknnConfig vsknn;
  StanConfig stan;
  VstanConfig vstan;
  BlendConfig blend;
};

// Model building (engage-model and tests). Sequential-rule defaults are session-rec's SR as
// configured for DIGINETICA (20 steps, quadratic weighting, 20 rules kept per item).
struct BuildConfig {
  int ruleSteps = 20;          // successors within this many steps form rules
  int maxRulesPerItem = 20;    // strongest rules kept per source item
  double minRuleShare = 0.05;  // drop rules weaker than this share of the item's strongest
  int maxSessions = 50000;     // most recent training sessions stored for session-kNN
  int maxSessionLength = 50;   // a stored session keeps its last N events
  int64_t createdSec = 0;      // written into the model; 0 = unknown (keeps builds reproducible)
};

// ---------------------------------------------------------------------------------------------
// The model.

struct ModelError {
  std::string code;  // truncated | bad_magic | unsupported_version | checksum_mismatch | corrupt
  std::string message;
};

class Model;
struct LoadResult;

class Model {
 public:
  static constexpr uint16_t kFormatVersion = 1;

  static LoadResult load(const uint8_t* bytes, size_t size);
  static LoadResult load(std::string_view bytes);

  size_t itemCount() const;
  size_t sessionCount() const;
  size_t ruleCount() const;
  bool hasCategories() const;
  std::optional<uint32_t> indexOf(std::string_view id) const;
  std::string_view idAt(uint32_t index) const;
  uint32_t popularityAt(uint32_t index) const;
  std::string_view categoryAt(uint32_t index) const;  // "" when none

  const detail::ModelData& data() const { return *data_; }
  explicit Model(std::shared_ptr<const detail::ModelData> data) : data_(std::move(data)) {}

 private:
  std::shared_ptr<const detail::ModelData> data_;
};

struct LoadResult {
  std::optional<Model> model;
  ModelError error;
  bool ok() const { return model.has_value(); }
};

// Training input for buildModel(): one session's items in time order and its end time.
struct TrainingSession {
  std::vector<std::string> items;
  int64_t endMs = 0;
};

// Builds the binary model file. `categories` maps item id -> category (may be empty).
std::vector<uint8_t> buildModel(const std::vector<TrainingSession>& sessions,
                                const std::map<std::string, std::string>& categories,
                                const BuildConfig& config = {});

// ---------------------------------------------------------------------------------------------
// Requests and results.

enum class Method { Popular, SequentialRules, VSKNN, STAN, VSTAN, Engage };
enum class Context { Home, Product, Cart };
enum class ReasonCode { Viewed, BoughtTogether, Popular, Pinned };

struct HistoryEvent {
  std::string item;
  int64_t tsMs = 0;
  double weight = 1.0;  // e.g. view 1, add-to-cart 3, purchase 5
};

struct Filter {
  std::vector<std::string> categories;         // keep only these categories (empty = all)
  std::vector<std::string> excludeCategories;
  std::vector<std::string> excludeItems;
  bool excludeSession = false;                 // drop items already viewed in this session
  int maxPerCategory = 0;                      // 0 = unlimited; items without category are free
  std::vector<std::string> pin;                // placed first, in this order, if allowed
  std::map<std::string, double> boostItems;    // score multipliers by item id
  std::map<std::string, double> boostCategories;
};

struct Request {
  Context context = Context::Home;
  std::string item;                   // the product on screen (product context)
  std::vector<std::string> session;   // this session's viewed items, oldest first
  std::vector<HistoryEvent> history;  // earlier sessions on this device
  std::vector<std::string> cart;      // excluded from results; anchors in cart context
  std::vector<std::string> purchased; // excluded from results
  int k = 10;
  Filter filter;
  Method method = Method::Engage;
  int64_t nowMs = 0;                  // 0 = the latest timestamp in the history, else no decay
};

struct Recommendation {
  std::string id;
  double score = 0;
  ReasonCode reason = ReasonCode::Popular;
  std::string because;  // the anchor item behind Viewed / BoughtTogether, else ""
  std::string reasonText() const;  // "because you viewed X", "bought together with X", ...
};

class Recommender {
 public:
  explicit Recommender(Model model, ScoringConfig config = {});
  ~Recommender();
  Recommender(Recommender&&) noexcept;
  Recommender& operator=(Recommender&&) noexcept;

  // Not thread-safe: reuses scratch buffers sized to the model (one Recommender per thread).
  std::vector<Recommendation> recommend(const Request& request);

  const Model& model() const { return model_; }
  const ScoringConfig& config() const { return config_; }

 private:
  Model model_;
  ScoringConfig config_;
  std::unique_ptr<detail::Workspace> workspace_;
};

// ---------------------------------------------------------------------------------------------
// Training data: event logs and the evaluation protocol (session-rec; ../shared/RECOMMENDER.md).
// Used by engage-model, engage-eval and anything that rebuilds a model (e.g. the collector).

enum class EventKind { View, Cart, Order };

struct LogEvent {
  std::string visitor;   // "" when unknown
  std::string session;   // "" = split the visitor's events at ProtocolConfig::sessionGapMs
  std::string item;
  std::string category;  // "" when unknown
  int64_t tsMs = 0;
  EventKind kind = EventKind::View;
};

// Line parsers; false / 0 for a header, blank or invalid line.
//   CSV         session,item,timestamp[,category]   (timestamp: seconds if < 1e11, else ms)
//   DIGINETICA  session_id;user_id;item_id;timeframe;eventdate   (ts = date UTC + timeframe ms)
//   OTTO JSONL  {"session":n,"events":[{"aid":n,"ts":ms,"type":"clicks|carts|orders"}]}
//               (an OTTO "session" is a visitor: split at the inactivity gap)
//   Engage      one stored collector event: Product Viewed / Product Added / Order Completed,
//               properties.product_id (or properties.products[].product_id), properties.category
bool parseSessionCsvLine(std::string_view line, LogEvent& out);
bool parseDigineticaLine(std::string_view line, LogEvent& out);
size_t parseOttoLine(std::string_view line, std::vector<LogEvent>& out);
size_t parseEngageEvent(std::string_view json, std::vector<LogEvent>& out);
// "2026-11-23T15:12:43.123Z" or with a +hh:mm offset -> epoch ms.
std::optional<int64_t> parseIsoTimestamp(std::string_view text);

struct ProtocolConfig {
  int64_t sessionGapMs = 30 * 60 * 1000;  // visitor events split after this inactivity
  size_t minSessionLength = 2;            // shorter sessions are dropped (before and after)
  size_t minItemSupport = 5;              // items with fewer events are dropped
  int64_t testWindowMs = 7 * 86400000LL;  // sessions ending in the last 7 days are test
};

struct LogSession {
  std::string id;
  std::string visitor;
  std::vector<LogEvent> events;  // time order (stable for equal timestamps)
  int64_t endMs() const { return events.empty() ? 0 : events.back().tsMs; }
};

// Sessions from events, ordered by (end time, id).
std::vector<LogSession> groupSessions(std::vector<LogEvent> events, const ProtocolConfig& config);
// Protocol step 2: drop short sessions, rare items, then short sessions again.
void filterSessions(std::vector<LogSession>& sessions, const ProtocolConfig& config);

struct TrainTestSplit {
  std::vector<LogSession> train;
  std::vector<LogSession> test;  // items unknown to train removed; still >= minSessionLength
};
// Protocol step 3: a session is test if its last event is after (latest event - test window).
TrainTestSplit splitByTime(std::vector<LogSession> sessions, const ProtocolConfig& config);
std::vector<TrainingSession> toTrainingSessions(const std::vector<LogSession>& sessions);
// Item -> category from the events (the latest non-empty category of each item wins).
std::map<std::string, std::string> catalogFromSessions(const std::vector<LogSession>& sessions);

// ---------------------------------------------------------------------------------------------
// JSON at the engine boundary.
// Request: {"context":"home|product|cart","item":"..","session":[".."],
//   "history":[{"item":"..","ts":ms,"weight":1}],"cart":[..],"purchased":[..],"k":10,
//   "method":"engage|vstan|stan|vsknn|sr|popular","now":ms,
//   "filter":{"categories":[..],"excludeCategories":[..],"excludeItems":[..],"excludeSession":false,
//             "maxPerCategory":0,"pin":[..],"boost":{"items":{"id":2},"categories":{"c":1.5}}}}
// Results: [{"id":"..","score":0.5,"reason":"because you viewed X","reasonCode":"viewed",
//            "because":"X"}]

struct RequestLimits {
  size_t maxListLength = 1000;     // session, cart, purchased, filter lists
  size_t maxHistoryLength = 5000;  // history events
  size_t maxIdLength = 256;        // bytes per item id / category name
  int maxCount = 1000;             // k and filter.maxPerCategory are clamped to 0..maxCount
};

struct RequestParse {
  std::optional<Request> request;
  std::string error;  // set when request is empty
};

RequestParse requestFromJson(std::string_view json, const RequestLimits& limits = {});
std::string recommendationsToJson(const std::vector<Recommendation>& results);

const char* methodName(Method method);
std::optional<Method> methodFromName(std::string_view name);
const char* reasonCodeName(ReasonCode code);

}  // namespace engage::recommend
