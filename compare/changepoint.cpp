#include "compare/changepoint.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "compare/splitmix.hpp"
#include "compare/statistics.hpp"

namespace lukhas::compare {

namespace {

// Buffers reused across the permutations of one series.
struct Workspace {
  std::vector<double> cnt, sum, left, right;
  void resize(std::size_t n) {
    cnt.assign(n + 1, 0);
    sum.assign(n + 1, 0);
    left.assign(n + 1, 0);
    right.assign(n + 1, 0);
  }
};

// Within-segment pair sums for every prefix and suffix in O(n log n): a
// Fenwick tree over the values' ranks gives, for the point added, how many
// earlier points lie below it and their sum, hence sum |x_i - x_new|.
void pair_sums(std::span<const double> v, std::span<const std::size_t> rank, Workspace& w, bool from_left) {
  const std::size_t n = v.size();
  std::fill(w.cnt.begin(), w.cnt.begin() + static_cast<std::ptrdiff_t>(n + 1), 0.0);
  std::fill(w.sum.begin(), w.sum.begin() + static_cast<std::ptrdiff_t>(n + 1), 0.0);
  std::vector<double>& acc = from_left ? w.left : w.right;
  double total = 0, pairs = 0;
  if (from_left) acc[0] = 0;
  else acc[n] = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = from_left ? k : n - 1 - k;
    const double x = v[i];
    const std::size_t r = rank[i];
    double c_less = 0, s_less = 0;
    for (std::size_t j = r; j > 0; j &= j - 1) {  // ranks below r
      c_less += w.cnt[j];
      s_less += w.sum[j];
    }
    const double c_more = static_cast<double>(k) - c_less;
    const double s_more = total - s_less;
    pairs += (c_less * x - s_less) + (s_more - c_more * x);
    for (std::size_t j = r + 1; j <= n; j += j & (~j + 1)) {
      w.cnt[j] += 1;
      w.sum[j] += x;
    }
    total += x;
    if (from_left) acc[k + 1] = pairs;
    else acc[i] = pairs;
  }
}

BestSplit best_split_ranked(std::span<const double> v, std::span<const std::size_t> rank, std::size_t min_segment,
                            Workspace& w) {
  const std::size_t n = v.size();
  const std::size_t ms = std::max<std::size_t>(min_segment, 2);  // within terms need two points
  BestSplit best;
  if (n < 2 * ms) return best;
  pair_sums(v, rank, w, true);
  pair_sums(v, rank, w, false);
  const double all = w.left[n];
  const double dn = static_cast<double>(n);
  for (std::size_t t = ms; t + ms <= n; ++t) {
    const double a = static_cast<double>(t), b = dn - a;
    const double within_left = w.left[t], within_right = w.right[t];
    const double between = all - within_left - within_right;
    const double e = 2 * between / (a * b) - 2 * within_left / (a * (a - 1)) - 2 * within_right / (b * (b - 1));
    const double q = a * b / dn * e;
    if (best.index == 0 || q > best.statistic) best = {t, q};
  }
  return best;
}

std::vector<std::size_t> ranks_of(std::span<const double> v) {
  std::vector<std::size_t> order(v.size()), rank(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  return rank;
}

struct Segment {
  std::size_t begin = 0, end = 0;
  BestSplit best;
  bool final = false;  // tested and not significant, or too short
};

}  // namespace

BestSplit best_split(std::span<const double> xs, std::size_t min_segment) {
  Workspace w;
  w.resize(xs.size());
  const auto rank = ranks_of(xs);
  return best_split_ranked(xs, rank, min_segment, w);
}

double edivisive_statistic_naive(std::span<const double> xs, std::size_t t) {
  const std::size_t n = xs.size();
  double between = 0, wl = 0, wr = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = std::fabs(xs[i] - xs[j]);
      if (j < t) wl += d;
      else if (i >= t) wr += d;
      else between += d;
    }
  const double a = static_cast<double>(t), b = static_cast<double>(n - t);
  const double e = 2 * between / (a * b) - 2 * wl / (a * (a - 1)) - 2 * wr / (b * (b - 1));
  return a * b / static_cast<double>(n) * e;
}

std::vector<ChangePoint> detect_change_points(std::span<const double> xs, const ChangePointSettings& settings) {
  const std::size_t n = xs.size();
  const std::size_t ms = std::max<std::size_t>(settings.min_segment, 2);
  if (n < 2 * ms) return {};
  // Relative to the median, so a series of instruction counts (1e9) and one
  // of nanoseconds (1e2) are summed at the same precision.
  const double med = median(xs).value_or(1.0);
  const double scale = med != 0 && std::isfinite(med) ? std::fabs(med) : 1.0;
  std::vector<double> y(xs.begin(), xs.end());
  for (double& v : y) v /= scale;

  Workspace w;
  w.resize(n);
  SplitMix64 rng{settings.seed};
  auto evaluate = [&](Segment& s) {
    std::span<const double> part(y.data() + s.begin, s.end - s.begin);
    const auto rank = ranks_of(part);
    s.best = best_split_ranked(part, rank, ms, w);
    s.final = s.best.index == 0;
  };

  std::vector<Segment> segments{{0, n, {}, false}};
  evaluate(segments[0]);
  std::vector<ChangePoint> found;
  std::vector<double> perm;
  std::vector<std::size_t> perm_rank;
  while (found.size() < settings.max_change_points) {
    // The open segment with the strongest split is tested next (the
    // divisive order of Matteson & James); one that fails the test is
    // closed and the others are still tried.
    auto it = std::max_element(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
      if (a.final != b.final) return a.final;  // open ones rank higher
      return a.best.statistic < b.best.statistic;
    });
    if (it == segments.end() || it->final) break;
    Segment& s = *it;
    const std::size_t len = s.end - s.begin;
    perm.assign(y.begin() + static_cast<std::ptrdiff_t>(s.begin), y.begin() + static_cast<std::ptrdiff_t>(s.end));
    perm_rank = ranks_of(perm);
    std::size_t exceed = 0, run = 0;
    bool stopped = false;
    for (; run < settings.permutations;) {
      for (std::size_t i = len - 1; i > 0; --i) {  // Fisher-Yates, values and ranks together
        const std::size_t j = rng.below(i + 1);
        std::swap(perm[i], perm[j]);
        std::swap(perm_rank[i], perm_rank[j]);
      }
      ++run;
      if (best_split_ranked(perm, perm_rank, ms, w).statistic >= s.best.statistic) ++exceed;
      if (settings.stop_after_exceedances > 0 && exceed >= settings.stop_after_exceedances) {
        stopped = true;
        break;
      }
    }
    const double p = stopped ? static_cast<double>(exceed) / static_cast<double>(run)
                              : static_cast<double>(exceed + 1) / static_cast<double>(run + 1);
    if (p > settings.alpha) {
      s.final = true;
      continue;
    }
    ChangePoint cp;
    cp.index = s.begin + s.best.index;
    cp.statistic = s.best.statistic;
    cp.p_value = p;
    cp.permutations_run = run;
    found.push_back(cp);
    Segment left{s.begin, cp.index, {}, false}, right{cp.index, s.end, {}, false};
    evaluate(left);
    evaluate(right);
    *it = left;
    segments.push_back(right);
  }

  std::sort(found.begin(), found.end(), [](const ChangePoint& a, const ChangePoint& b) { return a.index < b.index; });
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t lo = k == 0 ? 0 : found[k - 1].index;
    const std::size_t hi = k + 1 == found.size() ? n : found[k + 1].index;
    const std::span<const double> before(xs.data() + lo, found[k].index - lo);
    const std::span<const double> after(xs.data() + found[k].index, hi - found[k].index);
    found[k].median_before = median(before).value_or(0);
    found[k].median_after = median(after).value_or(0);
    found[k].step = found[k].median_before != 0 ? found[k].median_after / found[k].median_before - 1 : 0;
  }
  return found;
}

}  // namespace lukhas::compare
