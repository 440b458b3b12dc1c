// exp and log computed with IEEE-exact operations only (+ - * / and exact power-of-two scaling),
// so native and wasm builds give bit-identical results. The C libraries differ (glibc natively,
// musl under Emscripten) and may round std::exp/std::log differently in the last bit, which could
// flip the order of two nearly equal scores. Accuracy: a few ulp, ample for ranking.
#pragma once

namespace engage::recommend::detail {

double detExp(double x);
double detLog(double x);  // x <= 0 gives -inf-like -1e308 (never NaN)

}  // namespace engage::recommend::detail
