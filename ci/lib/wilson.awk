# Wilson 95% score interval of k successes in n trials, as "lo-hi%"
# (percent, rounded; "-" when n is 0): the interval the detection-power
# tables quote for every share of runs (docs/detection-power.md).
# ci/time-power and ci/layout-noise put this text in front of their own
# program (`awk "$(<ci/lib/wilson.awk)"'...'`): Debian's mawk takes no
# inline program beside an -f file.
function wilson(k, n,   z, p, c, h) {
  if (n == 0) return "-"
  z = 1.959964; p = k / n
  c = (p + z * z / (2 * n)) / (1 + z * z / n)
  h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
  return sprintf("%.0f-%.0f%%", 100 * (c - h < 0 ? 0 : c - h), 100 * (c + h > 1 ? 1 : c + h))
}
