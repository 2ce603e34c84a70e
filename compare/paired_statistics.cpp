#include "compare/paired_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include "compare/statistics.hpp"

namespace lukhas::compare {

double min_two_sided_signed_rank_p(std::size_t n) {
  return std::min(1.0, 2.0 * std::ldexp(1.0, -static_cast<int>(std::min<std::size_t>(n, 2000))));
}

namespace {

// The null distribution of W+ for n ranks 1..n: each rank joins W+ with
// probability 1/2. counts[w] = number of subsets of {1..n} with sum w, built
// rank by rank (subset-sum recurrence). Kept as probabilities (counts / 2^n
// as the table grows), so n = 50 (2^50 patterns) stays exact enough for a
// threshold comparison. Returns P(W+ <= w) and P(W+ >= w) for every w.
struct SignedRankTails {
  std::vector<double> cdf, sf;
};

const SignedRankTails& signed_rank_tails(std::size_t n) {
  static std::mutex mu;
  static std::map<std::size_t, SignedRankTails> cache;
  std::lock_guard lock(mu);
  auto [it, inserted] = cache.try_emplace(n);
  if (!inserted) return it->second;
  const std::size_t wmax = n * (n + 1) / 2;
  std::vector<double> p(wmax + 1, 0.0);
  p[0] = 1;
  for (std::size_t r = 1; r <= n; ++r) {
    // With rank r: half the mass stays, half moves up by r. Downwards so
    // each rank is used once.
    for (std::size_t w = wmax + 1; w-- > 0;) p[w] = 0.5 * (p[w] + (w >= r ? p[w - r] : 0.0));
  }
  SignedRankTails t{std::vector<double>(wmax + 1), std::vector<double>(wmax + 1)};
  double acc = 0;
  for (std::size_t w = 0; w <= wmax; ++w) t.cdf[w] = (acc += p[w]);
  acc = 0;
  for (std::size_t w = wmax + 1; w-- > 0;) t.sf[w] = (acc += p[w]);
  it->second = std::move(t);
  return it->second;
}

}  // namespace

WTest wilcoxon_signed_rank(std::span<const double> d, bool force_normal) {
  WTest t;
  std::vector<double> nz;
  nz.reserve(d.size());
  for (double x : d) {
    if (x == 0) ++t.zeros;
    else nz.push_back(x);
  }
  t.n = nz.size();
  t.min_p_value = min_two_sided_signed_rank_p(t.n);
  if (t.n == 0) {
    t.method = WMethod::normal;
    t.p_value = 1;
    t.min_p_value = 1;
    return t;
  }
  std::sort(nz.begin(), nz.end(), [](double a, double b) { return std::fabs(a) < std::fabs(b); });
  const double tie_term = for_each_midrank(
      nz.size(), [&](std::size_t a, std::size_t b) { return std::fabs(nz[a]) == std::fabs(nz[b]); },
      [&](std::size_t k, double rank) {
        if (nz[k] > 0) t.w_plus += rank;
      });
  t.ties = tie_term > 0;
  const double n = static_cast<double>(t.n);
  if (!force_normal && !t.ties && t.zeros == 0 && t.n <= kExactMaxSignedRanks) {
    t.method = WMethod::exact;
    const auto& tails = signed_rank_tails(t.n);
    const auto w = static_cast<std::size_t>(std::llround(t.w_plus));
    t.p_value = std::min(1.0, 2.0 * std::min(tails.cdf[w], tails.sf[w]));
    return t;
  }
  t.method = WMethod::normal;
  const double mu = n * (n + 1) / 4;
  const double var = n * (n + 1) * (2 * n + 1) / 24 - tie_term / 48;
  if (var <= 0) {
    t.p_value = 1;
    return t;
  }
  const double z = std::max(0.0, std::fabs(t.w_plus - mu) - 0.5) / std::sqrt(var);
  t.p_value = std::min(1.0, 2.0 * normal_sf(z));
  // As for the U test: ties shrink the variance, so the p seen can be below
  // the no-ties bound; the bound reported never exceeds what was reached.
  t.min_p_value = std::min(t.min_p_value, t.p_value);
  return t;
}

namespace {

// P(B = j), B ~ Binomial(n, 1/2), from log-gamma so that no power of 2
// underflows however many pairs there are.
double half_binomial_pmf(std::size_t n, std::size_t j) {
  const double nd = static_cast<double>(n), jd = static_cast<double>(j);
  return std::exp(std::lgamma(nd + 1) - std::lgamma(jd + 1) - std::lgamma(nd - jd + 1) - nd * std::log(2.0));
}

// P(B >= k), B ~ Binomial(n, 1/2).
double half_binomial_sf(std::size_t n, std::size_t k) {
  double p = 0;
  for (std::size_t j = k; j <= n; ++j) p += half_binomial_pmf(n, j);
  return std::min(1.0, p);
}

}  // namespace

BeyondTest sign_test_beyond(std::span<const double> ratios, double low, double high) {
  BeyondTest t;
  t.n = ratios.size();
  for (double r : ratios) {
    if (r > high) ++t.above;
    else if (r < low) ++t.below;
  }
  if (t.n == 0) return t;
  t.p_above = half_binomial_sf(t.n, t.above);
  t.p_below = half_binomial_sf(t.n, t.below);
  t.min_p_value = half_binomial_pmf(t.n, t.n);
  return t;
}

std::optional<RatioInterval> median_interval(std::span<const double> ratios, double level) {
  if (ratios.empty()) return std::nullopt;
  for (double r : ratios)
    if (!std::isfinite(r)) return std::nullopt;
  std::vector<double> x(ratios.begin(), ratios.end());
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  // x(k) lies above the median when fewer than k ratios are below it:
  // P(B <= k - 1), B ~ Binomial(n, 1/2). Grow k while that stays within the
  // tail; k = 1 (the range) whatever it is.
  const double tail = (1 - level) / 2;
  const auto pmf = [&](std::size_t j) { return half_binomial_pmf(n, j); };
  double cum = pmf(0);  // P(B <= 0)
  std::size_t k = 1;
  double beyond = cum;  // P(B <= k - 1) of the k chosen
  for (std::size_t j = 1; j + 1 <= (n + 1) / 2; ++j) {
    cum += pmf(j);  // P(B <= j)
    if (cum > tail) break;
    k = j + 1;
    beyond = cum;
  }
  RatioInterval ci;
  ci.median = *median(x);
  ci.k = k;
  ci.low = x[k - 1];
  ci.high = x[n - k];
  ci.level = 1 - 2 * beyond;
  return ci;
}

}  // namespace lukhas::compare
