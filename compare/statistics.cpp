#include "compare/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <utility>

namespace lukhas::compare {

namespace {
std::vector<double> sorted(std::span<const double> xs) {
  std::vector<double> v(xs.begin(), xs.end());
  std::sort(v.begin(), v.end());
  return v;
}

double quantile_type7(const std::vector<double>& s, double p) {
  const double h = (static_cast<double>(s.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}
}  // namespace

std::optional<double> median(std::span<const double> xs) {
  if (xs.empty()) return std::nullopt;
  std::vector<double> v(xs.begin(), xs.end());
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

std::optional<double> mad(std::span<const double> xs) {
  const auto m = median(xs);
  if (!m) return std::nullopt;
  std::vector<double> dev;
  dev.reserve(xs.size());
  for (double x : xs) dev.push_back(std::fabs(x - *m));
  return median(dev);
}

std::optional<double> iqr(std::span<const double> xs) {
  if (xs.empty()) return std::nullopt;
  const auto s = sorted(xs);
  return quantile_type7(s, 0.75) - quantile_type7(s, 0.25);
}

double mean(std::span<const double> xs) {
  if (xs.empty()) return 0;
  return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

std::optional<double> stddev(std::span<const double> xs) {
  if (xs.size() < 2) return std::nullopt;
  const double m = mean(xs);
  double ss = 0;
  for (double x : xs) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

std::optional<double> coefficient_of_variation(std::span<const double> xs) {
  const auto sd = stddev(xs);
  const double m = mean(xs);
  if (!sd || m == 0) return std::nullopt;
  return *sd / std::fabs(m);
}

std::optional<double> geometric_mean(std::span<const double> xs) {
  if (xs.empty()) return std::nullopt;
  double sum = 0;
  for (double x : xs) {
    if (!std::isfinite(x) || x <= 0) return std::nullopt;
    sum += std::log(x);
  }
  return std::exp(sum / static_cast<double>(xs.size()));
}

double normal_sf(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

double min_two_sided_p(std::size_t n1, std::size_t n2) {
  // log C(n1 + n2, n1) via lgamma: exact enough for a threshold comparison.
  const double log_c = std::lgamma(static_cast<double>(n1 + n2 + 1)) - std::lgamma(static_cast<double>(n1 + 1)) -
                       std::lgamma(static_cast<double>(n2 + 1));
  return std::min(1.0, 2.0 * std::exp(-log_c));
}

namespace {
// Both tails of the distribution of U for sizes (m, n) under H0 without ties:
// cdf[u] = P(U <= u). Counts by the recurrence
//   c(u; m, n) = c(u - n; m - 1, n) + c(u; m, n - 1)
// (the largest observation comes from the first sample or the second),
// kept as doubles: C(40, 20) ~ 1.4e11 is far below 2^53, so counts are exact.
struct ExactTails {
  std::vector<double> cdf;  // P(U <= u)
  std::vector<double> sf;   // P(U >= u), summed from the top: 1 - cdf[u - 1] loses
                            // about five digits where the tail is ~1e-11 (20 vs 20)
};

const ExactTails& exact_tails(std::size_t m, std::size_t n) {
  static std::mutex mu;
  static std::map<std::pair<std::size_t, std::size_t>, ExactTails> cache;
  std::lock_guard lock(mu);
  auto [it, inserted] = cache.try_emplace({m, n});
  if (!inserted) return it->second;
  // table[j][u] = count for sizes (i, j) while iterating i = 0..m.
  const std::size_t umax = m * n;
  std::vector<std::vector<double>> prev(n + 1, std::vector<double>(umax + 1, 0.0));
  for (std::size_t j = 0; j <= n; ++j) prev[j][0] = 1;  // i = 0: U = 0 in one way
  for (std::size_t i = 1; i <= m; ++i) {
    std::vector<std::vector<double>> cur(n + 1, std::vector<double>(umax + 1, 0.0));
    cur[0][0] = 1;  // j = 0: U = 0 in one way
    for (std::size_t j = 1; j <= n; ++j) {
      for (std::size_t u = 0; u <= i * j; ++u) {
        // Largest value from the first sample: it beats all j of the second.
        const double from_x = u >= j ? prev[j][u - j] : 0.0;
        const double from_y = cur[j - 1][u];
        cur[j][u] = from_x + from_y;
      }
    }
    prev = std::move(cur);
  }
  const auto& counts = prev[n];
  double total = 0;
  for (double c : counts) total += c;
  ExactTails tails{std::vector<double>(umax + 1), std::vector<double>(umax + 1)};
  double acc = 0;
  for (std::size_t u = 0; u <= umax; ++u) {
    acc += counts[u];
    tails.cdf[u] = acc / total;
  }
  acc = 0;
  for (std::size_t u = umax + 1; u-- > 0;) {
    acc += counts[u];
    tails.sf[u] = acc / total;
  }
  it->second = std::move(tails);
  return it->second;
}
}  // namespace

UTest mann_whitney_u(std::span<const double> x, std::span<const double> y, bool force_normal) {
  const std::size_t n1 = x.size(), n2 = y.size();
  UTest t;
  t.min_p_value = min_two_sided_p(n1, n2);
  // Midranks over the pooled sample.
  std::vector<std::pair<double, int>> pooled;
  pooled.reserve(n1 + n2);
  for (double v : x) pooled.emplace_back(v, 0);
  for (double v : y) pooled.emplace_back(v, 1);
  std::sort(pooled.begin(), pooled.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  double r1 = 0;
  const double tie_term = for_each_midrank(
      pooled.size(), [&](std::size_t a, std::size_t b) { return pooled[a].first == pooled[b].first; },
      [&](std::size_t k, double rank) {
        if (pooled[k].second == 0) r1 += rank;
      });
  t.ties = tie_term > 0;
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2);
  t.u = r1 - dn1 * (dn1 + 1) / 2;

  if (!force_normal && !t.ties && n1 * n2 <= kExactMaxPairs) {
    t.method = UMethod::exact;
    const auto& tails = exact_tails(n1, n2);
    const auto u = static_cast<std::size_t>(std::llround(t.u));
    const double lower = tails.cdf[u];  // P(U <= u)
    const double upper = tails.sf[u];   // P(U >= u)
    t.p_value = std::min(1.0, 2.0 * std::min(lower, upper));
    return t;
  }
  t.method = UMethod::normal;
  const double n = dn1 + dn2;
  const double mu = dn1 * dn2 / 2;
  const double var = dn1 * dn2 / 12 * ((n + 1) - tie_term / (n * (n - 1)));
  if (var <= 0) {
    t.p_value = 1;  // every value tied: nothing to tell apart
    return t;
  }
  const double z = (std::fabs(t.u - mu) - 0.5) / std::sqrt(var);
  t.p_value = std::min(1.0, 2.0 * normal_sf(z));
  // Ties shrink the variance, so the tie-corrected p can fall below the
  // no-ties bound 2 / C(n1 + n2, n1) (3 vs 3 with two tied groups: p 0.047
  // against a bound of 0.1): the outcome seen is reachable, so the bound
  // reported, and the "cannot reach alpha" judged on it, never exceeds it.
  t.min_p_value = std::min(t.min_p_value, t.p_value);
  return t;
}

std::vector<double> benjamini_hochberg(std::span<const double> p) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> q(m);
  double running = 1.0;
  for (std::size_t k = m; k-- > 0;) {
    const std::size_t i = order[k];
    running = std::min(running, p[i] * static_cast<double>(m) / static_cast<double>(k + 1));
    q[i] = running;
  }
  return q;
}

std::vector<double> best_case_q(std::span<const double> p, std::span<const double> best_p) {
  // BH: q of the k-th smallest p (1-based) is min over j >= k of p_(j) m / j.
  // Replacing p_i (at sorted position t) by x <= p_i moves it to position r
  // <= t; the others between r and t-1 shift one place up, those after t keep
  // their positions. So q_i(x) = min(x m / r, min_{r <= j < t} s_j m / (j + 1),
  // min_{k > t} s_k m / k): a suffix minimum and a range minimum.
  const std::size_t m = p.size();
  std::vector<double> q(m, 1.0);
  if (m == 0) return q;
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> s(m);
  for (std::size_t k = 0; k < m; ++k) s[k] = p[order[k]];
  const double dm = static_cast<double>(m);
  // suffix[k] = min over sorted positions k.. (0-based) of s_k m / (k + 1).
  std::vector<double> suffix(m + 1, 1.0);
  for (std::size_t k = m; k-- > 0;) suffix[k] = std::min(suffix[k + 1], s[k] * dm / static_cast<double>(k + 1));
  // shifted[j] = s_j m / (j + 2): position j moved one place up (0-based),
  // in an iterative segment tree for range minima (2m doubles: runs of a
  // million tests stay small).
  std::vector<double> tree(2 * m);
  for (std::size_t j = 0; j < m; ++j) tree[m + j] = s[j] * dm / static_cast<double>(j + 2);
  for (std::size_t k = m; k-- > 1;) tree[k] = std::min(tree[2 * k], tree[2 * k + 1]);
  auto range_min = [&](std::size_t lo, std::size_t hi) {  // [lo, hi)
    double v = 1.0;
    for (lo += m, hi += m; lo < hi; lo /= 2, hi /= 2) {
      if (lo % 2 == 1) v = std::min(v, tree[lo++]);
      if (hi % 2 == 1) v = std::min(v, tree[--hi]);
    }
    return v;
  };
  for (std::size_t t = 0; t < m; ++t) {
    const std::size_t i = order[t];
    const double x = std::min(best_p[i], p[i]);
    // r: 0-based position of x among the others (before any equal p).
    const auto r = static_cast<std::size_t>(std::lower_bound(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(t), x) - s.begin());
    double v = std::min(x * dm / static_cast<double>(r + 1), suffix[t + 1]);
    if (r < t) v = std::min(v, range_min(r, t));
    q[i] = std::min(1.0, v);
  }
  return q;
}

}  // namespace lukhas::compare
