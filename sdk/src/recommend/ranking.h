// Business rules and the final ranking.
//
// Order of application:
//   1. exclusions: cart, purchased, filter.excludeItems, the product on screen (product
//      context), this session's items when filter.excludeSession;
//   2. catalog filters: filter.categories (keep only), filter.excludeCategories;
//   3. boosts multiply scored candidates (by item, then by category);
//   4. pins come first in their given order (if not excluded/filtered; pins unknown to the
//      model are allowed unless excluded by id);
//   5. candidates by (score desc, popularity desc, id asc) -- item index order is popularity
//      then id -- skipping items whose category reached filter.maxPerCategory;
//   6. popularity fills what is left (score 0, or popularity / max popularity for the Popular
//      method), under the same rules.
#pragma once

#include <vector>

#include "recommend/workspace.h"

namespace engage::recommend::detail {

std::vector<Recommendation> rankResults(const ModelData& m, const Request& request,
                                        const Accumulator& scores, size_t k,
                                        bool popularityScores, Workspace& ws);

}  // namespace engage::recommend::detail
