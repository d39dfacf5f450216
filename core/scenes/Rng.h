#pragma once
// Seeded random numbers that give the same values with every standard library: raw draws of
// std::mt19937_64 (its output sequence is fixed by the C++ standard) turned into numbers by our own
// arithmetic. std::uniform_*_distribution and std::normal_distribution are implementation-defined and
// are deliberately not used anywhere in scenes/.
#include <cstdint>
#include <initializer_list>
#include <random>

namespace shotcraft::scenes {

// SplitMix64 finaliser: decorrelates nearby seeds (seed, seed + 1, ...) and derives sub-streams.
inline uint64_t mixSeed(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class Rng {
 public:
  // `stream` separates independent uses of one seed (layout, phrasing, ...).
  explicit Rng(uint64_t seed, uint64_t stream = 0) : m_engine(mixSeed(seed ^ mixSeed(stream))) {}

  uint64_t next() { return m_engine(); }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  float uniformf(float lo, float hi) { return float(uniform(lo, hi)); }
  // Integer in [lo, hi] (both inclusive).
  int range(int lo, int hi) { return lo + int(next() % uint64_t(int64_t(hi) - lo + 1)); }
  bool chance(double p) { return uniform() < p; }
  // Roughly bell-shaped in [-1, 1] (mean of three uniforms, rescaled): cheap and portable.
  double bell() { return (uniform() + uniform() + uniform()) * (2.0 / 3.0) - 1.0; }
  // Index drawn with the given non-negative weights.
  int weighted(std::initializer_list<double> weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    double u = uniform() * total;
    int i = 0;
    for (double w : weights) {
      if (u < w) return i;
      u -= w;
      ++i;
    }
    return i - 1;
  }
  template <typename Container>
  const auto& pick(const Container& c) {
    return c[size_t(range(0, int(std::size(c)) - 1))];
  }

 private:
  std::mt19937_64 m_engine;
};

}  // namespace shotcraft::scenes
