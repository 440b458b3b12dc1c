#include "engine/recommend_host.h"

#include <algorithm>

namespace engage::detail {

namespace {

int base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// The product ids of a commerce track command and the weight they carry in the history.
const char* const kViewed = "Product Viewed";
const char* const kAdded = "Product Added";
const char* const kRemoved = "Product Removed";
const char* const kOrdered = "Order Completed";

void productIds(const Json& properties, std::vector<std::string>& out) {
  auto take = [&](const Json& p) {
    const Json* id = member(p, "product_id");
    if (id && id->is_string() && !id->get_ref<const std::string&>().empty() &&
        id->get_ref<const std::string&>().size() <= 256)
      out.push_back(id->get<std::string>());
    else if (id && id->is_number_integer())
      out.push_back(dumpJson(*id));
  };
  take(properties);
  const Json* products = member(properties, "products");
  if (products && products->is_array())
    for (const Json& p : *products) take(p);
}

template <typename T>
void keepLast(std::vector<T>& v, size_t n) {
  if (v.size() > n) v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() - n));
}

}  // namespace

bool decodeBase64(std::string_view text, std::string& out) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return false;
  out.clear();
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = base64Value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

std::string RecommendHost::load(std::string_view bytes) {
  if (bytes.size() > config_.maxModelBytes) return "too_large: the model exceeds the size limit";
  recommend::LoadResult loadedModel = recommend::Model::load(bytes);
  if (!loadedModel.ok()) return loadedModel.error.code + ": " + loadedModel.error.message;
  recommender_.emplace(std::move(*loadedModel.model));
  return "";
}

void RecommendHost::sync(KeyValueStore* store, const std::string& storagePrefix, bool personalised) {
  const std::string key = storagePrefix + "reco";
  if (!personalised) {
    if (store) store->remove(key);
    if (store_ && store_ != store) store_->remove(key_);
    clear();
  } else if (store != store_ || key != key_ || !personalised_) {
    // A new place (consent allowed the device's store, or a new prefix): move what we know there.
    const bool had = !history_.empty() || !cart_.empty() || !purchased_.empty();
    if (store_ && (store_ != store || key != key_)) store_->remove(key_);
    store_ = store;
    key_ = key;
    personalised_ = true;
    if (had) saveRecord(); else loadRecord();
    return;
  }
  store_ = store;
  key_ = key;
  personalised_ = personalised;
}

void RecommendHost::clear() {
  history_.clear();
  cart_.clear();
  purchased_.clear();
}

void RecommendHost::loadRecord() {
  clear();
  if (!store_) return;
  std::optional<std::string> text = store_->get(key_);
  std::optional<Json> record = text ? parseJson(*text) : std::nullopt;
  if (!record || !record->is_object()) return;
  if (const Json* h = member(*record, "h"); h && h->is_array()) {
    for (const Json& e : *h) {
      if (!e.is_array() || e.size() != 3 || !e[0].is_string() || !e[1].is_number() || !e[2].is_number())
        continue;
      history_.push_back({e[0].get<std::string>(), e[1].get<int64_t>(), e[2].get<double>()});
    }
  }
  auto readList = [&](const char* name, std::vector<std::string>& out) {
    const Json* v = member(*record, name);
    if (v && v->is_array())
      for (const Json& e : *v)
        if (e.is_string()) out.push_back(e.get<std::string>());
  };
  readList("c", cart_);
  readList("p", purchased_);
  keepLast(history_, config_.maxHistory);
  keepLast(cart_, config_.maxCart);
  keepLast(purchased_, config_.maxPurchased);
}

void RecommendHost::saveRecord() {
  if (!store_ || !personalised_) return;
  Json h = Json::array();
  for (const Entry& e : history_) h.push_back(Json::array({e.item, e.tsMs, e.weight}));
  store_->set(key_, dumpJson(Json{{"h", std::move(h)}, {"c", cart_}, {"p", purchased_}}));
}

void RecommendHost::observe(const Json& command, int64_t nowMs) {
  if (!personalised_) return;
  const std::string event = stringOr(command, "event", "");
  if (event != kViewed && event != kAdded && event != kRemoved && event != kOrdered) return;
  const Json* properties = member(command, "properties");
  std::vector<std::string> ids;
  if (properties) productIds(*properties, ids);
  if (ids.empty()) return;
  for (const std::string& id : ids) {
    if (event == kRemoved) {
      cart_.erase(std::remove(cart_.begin(), cart_.end(), id), cart_.end());
      continue;
    }
    const double weight = event == kViewed ? config_.viewWeight
                          : event == kAdded ? config_.cartWeight : config_.orderWeight;
    history_.push_back({id, nowMs, weight});
    if (event == kAdded && std::find(cart_.begin(), cart_.end(), id) == cart_.end()) cart_.push_back(id);
    if (event == kOrdered && std::find(purchased_.begin(), purchased_.end(), id) == purchased_.end())
      purchased_.push_back(id);
  }
  if (event == kOrdered) cart_.clear();
  keepLast(history_, config_.maxHistory);
  keepLast(cart_, config_.maxCart);
  keepLast(purchased_, config_.maxPurchased);
  saveRecord();
}

std::vector<recommend::Recommendation> RecommendHost::recommend(recommend::Request request,
                                                                int64_t nowMs) {
  if (!recommender_) return {};
  if (!personalised_) {
    // Nothing about the visitor (not even the page's own lists): the popularity ranking.
    request.method = recommend::Method::Popular;
    request.session.clear();
    request.history.clear();
    request.cart.clear();
    request.purchased.clear();
    request.item.clear();
    return recommender_->recommend(request);
  }
  // The session is the tail of the history without a gap longer than sessionGapMs, ending now.
  size_t start = history_.size();
  int64_t next = nowMs;
  while (start > 0 && next - history_[start - 1].tsMs <= config_.sessionGapMs) {
    --start;
    next = history_[start].tsMs;
  }
  for (size_t i = 0; i < start; ++i)
    request.history.push_back({history_[i].item, history_[i].tsMs, history_[i].weight});
  for (size_t i = start; i < history_.size(); ++i) request.session.push_back(history_[i].item);
  request.cart.insert(request.cart.end(), cart_.begin(), cart_.end());
  request.purchased.insert(request.purchased.end(), purchased_.begin(), purchased_.end());
  if (request.nowMs == 0) request.nowMs = nowMs;
  return recommender_->recommend(request);
}

Json RecommendHost::stateJson() const {
  Json out = Json::object();
  out["loaded"] = loaded();
  out["items"] = itemCount();
  out["personalised"] = personalised_;
  out["history"] = history_.size();
  out["cart"] = cart_;
  out["purchased"] = purchased_;
  return out;
}

}  // namespace engage::detail
