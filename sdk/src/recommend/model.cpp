#include "engage/recommend.h"
#include "recommend/model_data.h"
#include "recommend/model_format.h"

namespace engage::recommend {

LoadResult Model::load(const uint8_t* bytes, size_t size) {
  auto data = std::make_shared<detail::ModelData>();
  detail::ReadResult read = detail::readModel(bytes, size, *data);
  LoadResult result;
  if (!read.ok) {
    result.error = ModelError{read.code, read.message};
    return result;
  }
  result.model.emplace(std::shared_ptr<const detail::ModelData>(std::move(data)));
  return result;
}

LoadResult Model::load(std::string_view bytes) {
  return load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

size_t Model::itemCount() const { return data_->itemCount(); }
size_t Model::sessionCount() const { return data_->sessionCount(); }
size_t Model::ruleCount() const { return data_->ruleTargets.size(); }
bool Model::hasCategories() const { return !data_->itemCategory.empty(); }

std::optional<uint32_t> Model::indexOf(std::string_view id) const {
  uint32_t i = data_->find(id);
  if (i == detail::IdIndex::kEmpty) return std::nullopt;
  return i;
}

std::string_view Model::idAt(uint32_t index) const {
  return index < itemCount() ? data_->id(index) : std::string_view();
}

uint32_t Model::popularityAt(uint32_t index) const {
  return index < itemCount() ? data_->popularity[index] : 0;
}

std::string_view Model::categoryAt(uint32_t index) const {
  if (index >= itemCount()) return {};
  uint32_t c = data_->categoryOf(index);
  return c == 0 ? std::string_view() : std::string_view(data_->categoryNames[c - 1]);
}

}  // namespace engage::recommend
