#include "core/media/BeatDetector.h"

#include <algorithm>
#include <aubio/aubio.h>
#include <cmath>
#include <memory>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

namespace shotcraft::media {

namespace {

struct FvecDeleter {
  void operator()(fvec_t* v) const { del_fvec(v); }
};
struct TempoDeleter {
  void operator()(aubio_tempo_t* t) const { del_aubio_tempo(t); }
};
struct OnsetDeleter {
  void operator()(aubio_onset_t* o) const { del_aubio_onset(o); }
};

constexpr uint_t kWindow = 1024;
constexpr uint_t kHop = 512;
constexpr uint_t kAnalysisRate = 44100;

}  // namespace

double bpmFromBeats(const std::vector<double>& beats_s) {
  std::vector<double> intervals;
  for (size_t i = 1; i < beats_s.size(); ++i) {
    const double d = beats_s[i] - beats_s[i - 1];
    if (d > 1e-3) intervals.push_back(d);
  }
  if (intervals.empty()) return 0.0;
  std::vector<double> sorted = intervals;
  std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
  const double median = sorted[sorted.size() / 2];
  // Number every beat by how many median periods it lies after the first, then fit time = a + period * number
  // by least squares: skipped beats keep their place and hop-size jitter averages out over the whole track.
  double sk = 0, st = 0, skk = 0, skt = 0;
  int n = 0;
  for (double t : beats_s) {
    const double k = std::round((t - beats_s.front()) / median);
    if (std::abs(t - beats_s.front() - k * median) > 0.2 * median * std::max(1.0, std::sqrt(k))) continue;
    sk += k;
    st += t;
    skk += k * k;
    skt += k * t;
    ++n;
  }
  const double denom = n * skk - sk * sk;
  if (n < 3 || denom <= 0.0) return 60.0 / median;
  const double period = (n * skt - sk * st) / denom;
  return period > 0.0 ? 60.0 / period : 60.0 / median;
}

namespace {

// aubio is tuned for 44.1 kHz with 1024/512 windows: its beat tracker then looks at ~6 s of onsets (at 48 kHz
// the window rounds up to ~11 s and a short track gets few beats). Mixes to mono and resamples.
bool monoAt44k(const AudioBuffer& audio, std::vector<float>* out, std::string* error) {
  AVChannelLayout stereo{};
  AVChannelLayout mono{};
  av_channel_layout_default(&stereo, 2);
  av_channel_layout_default(&mono, 1);
  SwrContext* raw = nullptr;
  int rc = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, int(kAnalysisRate), &stereo, AV_SAMPLE_FMT_FLT,
                               AudioBuffer::kSampleRate, 0, nullptr);
  std::unique_ptr<SwrContext, void (*)(SwrContext*)> swr(raw, [](SwrContext* s) { swr_free(&s); });
  if (rc >= 0 && raw) {
    const double half[2] = {0.5, 0.5};
    rc = swr_set_matrix(raw, half, 2);
  }
  if (rc < 0 || !raw || (rc = swr_init(raw)) < 0) {
    if (error) *error = "beat detection: cannot resample the audio";
    return false;
  }
  const int inFrames = int(audio.frameCount());
  out->resize(size_t(swr_get_out_samples(raw, inFrames)) + 64);
  uint8_t* dst[1] = {reinterpret_cast<uint8_t*>(out->data())};
  const uint8_t* src[1] = {reinterpret_cast<const uint8_t*>(audio.samples.data())};
  int got = swr_convert(raw, dst, int(out->size()), src, inFrames);
  if (got < 0) {
    if (error) *error = "beat detection: cannot resample the audio";
    return false;
  }
  uint8_t* tail[1] = {reinterpret_cast<uint8_t*>(out->data() + got)};
  const int flushed = swr_convert(raw, tail, int(out->size()) - got, nullptr, 0);
  out->resize(size_t(got + std::max(0, flushed)));
  return true;
}

}  // namespace

bool detectBeats(const AudioBuffer& audio, BeatAnalysis* out, std::string* error) {
  std::vector<float> mono;
  if (!monoAt44k(audio, &mono, error)) return false;
  std::unique_ptr<aubio_tempo_t, TempoDeleter> tempo(new_aubio_tempo("default", kWindow, kHop, kAnalysisRate));
  std::unique_ptr<aubio_onset_t, OnsetDeleter> onset(new_aubio_onset("default", kWindow, kHop, kAnalysisRate));
  std::unique_ptr<fvec_t, FvecDeleter> in(new_fvec(kHop));
  std::unique_ptr<fvec_t, FvecDeleter> beat(new_fvec(1));
  std::unique_ptr<fvec_t, FvecDeleter> hit(new_fvec(1));
  if (!tempo || !onset || !in || !beat || !hit) {
    if (error) *error = "beat detection: aubio could not be set up";
    return false;
  }
  // aubio drops beats and onsets that fall in blocks it deems silent; the gaps of a sparse track (clicks, a
  // spoken intro) are digital silence, so a -140 dB dither keeps every block above a -200 dB silence gate.
  aubio_tempo_set_silence(tempo.get(), -200.0f);
  aubio_onset_set_silence(onset.get(), -200.0f);
  uint32_t noise = 12345u;
  BeatAnalysis result;
  const size_t frames = mono.size();
  for (size_t start = 0; start < frames; start += kHop) {
    for (uint_t i = 0; i < kHop; ++i) {
      noise = noise * 1664525u + 1013904223u;
      const float dither = (float(noise >> 8) / float(1u << 24) - 0.5f) * 2e-7f;
      in->data[i] = (start + i < frames ? mono[start + i] : 0.0f) + dither;
    }
    aubio_tempo_do(tempo.get(), in.get(), beat.get());
    if (beat->data[0] != 0.0f) {
      const double t = aubio_tempo_get_last_s(tempo.get());
      if (t >= 0.0 && (result.beats_s.empty() || t > result.beats_s.back())) result.beats_s.push_back(t);
    }
    aubio_onset_do(onset.get(), in.get(), hit.get());
    if (hit->data[0] != 0.0f) {
      const double t = aubio_onset_get_last_s(onset.get());
      if (t >= 0.0 && (result.onsets_s.empty() || t > result.onsets_s.back())) result.onsets_s.push_back(t);
    }
  }
  // The dither and aubio's look-ahead make beats up in stretches of silence: keep only those with sound
  // (above -60 dBFS) within a second either side.
  std::vector<float> hopPeak((frames + kHop - 1) / kHop, 0.0f);
  for (size_t i = 0; i < frames; ++i) hopPeak[i / kHop] = std::max(hopPeak[i / kHop], std::abs(mono[i]));
  auto audible = [&](double t) {
    const long reach = long(kAnalysisRate / kHop);  // one second of hops
    const long centre = long(t * kAnalysisRate / kHop);
    for (long h = std::max(0L, centre - reach); h <= std::min(long(hopPeak.size()) - 1, centre + reach); ++h) {
      if (hopPeak[size_t(h)] > 1e-3f) return true;
    }
    return false;
  };
  std::erase_if(result.beats_s, [&](double t) { return !audible(t); });
  std::erase_if(result.onsets_s, [&](double t) { return !audible(t); });
  result.bpm = bpmFromBeats(result.beats_s);
  result.confidence = std::clamp(double(aubio_tempo_get_confidence(tempo.get())), 0.0, 1.0);
  *out = std::move(result);
  return true;
}

}  // namespace shotcraft::media
