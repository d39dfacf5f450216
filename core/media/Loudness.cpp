#include "core/media/Loudness.h"

#include <cstring>

#include "core/media/FfmpegUtil.h"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
}

namespace shotcraft::media {

namespace {

bool failWith(std::string* error, const std::string& what, int rc) {
  if (error) *error = "loudness measurement: " + what + ": " + ff::errorText(rc);
  return false;
}

class Ebur128Graph {
 public:
  bool init(std::string* error) {
    ff::quietLogging();
    m_graph.reset(avfilter_graph_alloc());
    if (!m_graph) return failWith(error, "graph", AVERROR(ENOMEM));
    const char* args = "time_base=1/48000:sample_rate=48000:sample_fmt=flt:channel_layout=stereo";
    int rc = avfilter_graph_create_filter(&m_src, avfilter_get_by_name("abuffer"), "in", args, nullptr,
                                          m_graph.get());
    if (rc < 0) return failWith(error, "abuffer", rc);
    rc = avfilter_graph_create_filter(&m_sink, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr,
                                      m_graph.get());
    if (rc < 0) return failWith(error, "abuffersink", rc);
    const AVFilter* ebur = avfilter_get_by_name("ebur128");
    if (!ebur) {
      if (error) *error = "loudness measurement: filter 'ebur128' is not available in this FFmpeg build";
      return false;
    }
    rc = avfilter_graph_create_filter(&m_meter, ebur, "meter", "metadata=1", nullptr, m_graph.get());
    if (rc < 0) return failWith(error, "ebur128", rc);
    if ((rc = avfilter_link(m_src, 0, m_meter, 0)) < 0 || (rc = avfilter_link(m_meter, 0, m_sink, 0)) < 0) {
      return failWith(error, "link", rc);
    }
    if ((rc = avfilter_graph_config(m_graph.get(), nullptr)) < 0) return failWith(error, "configure", rc);
    return true;
  }

  bool push(const float* interleaved, int frames, int64_t pts, std::string* error) {
    ff::FramePtr frame(av_frame_alloc());
    frame->format = AV_SAMPLE_FMT_FLT;
    frame->sample_rate = AudioBuffer::kSampleRate;
    av_channel_layout_default(&frame->ch_layout, AudioBuffer::kChannels);
    frame->nb_samples = frames;
    frame->pts = pts;
    int rc = av_frame_get_buffer(frame.get(), 0);
    if (rc < 0) return failWith(error, "frame", rc);
    std::memcpy(frame->data[0], interleaved, sizeof(float) * size_t(frames) * AudioBuffer::kChannels);
    rc = av_buffersrc_add_frame_flags(m_src, frame.get(), AV_BUFFERSRC_FLAG_KEEP_REF);
    if (rc < 0) return failWith(error, "filter input", rc);
    return pull(error);
  }

  bool finish(std::string* error) {
    const int rc = av_buffersrc_add_frame_flags(m_src, nullptr, 0);
    if (rc < 0) return failWith(error, "filter flush", rc);
    return pull(error);
  }

  std::optional<double> integrated() const { return m_integrated; }

 private:
  bool pull(std::string* error) {
    ff::FramePtr out(av_frame_alloc());
    for (;;) {
      const int rc = av_buffersink_get_frame(m_sink, out.get());
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
      if (rc < 0) return failWith(error, "filter output", rc);
      if (const AVDictionaryEntry* e = av_dict_get(out->metadata, "lavfi.r128.I", nullptr, 0)) {
        m_integrated = std::strtod(e->value, nullptr);
      }
      av_frame_unref(out.get());
    }
  }

  ff::FilterGraphPtr m_graph;
  AVFilterContext* m_src = nullptr;
  AVFilterContext* m_meter = nullptr;
  AVFilterContext* m_sink = nullptr;
  std::optional<double> m_integrated;
};

}  // namespace

std::optional<double> integratedLoudness(const AudioBuffer& audio, std::string* error) {
  Ebur128Graph graph;
  if (!graph.init(error)) return std::nullopt;
  constexpr int kChunk = 4800;  // 100 ms
  const int64_t total = audio.frameCount();
  for (int64_t f = 0; f < total; f += kChunk) {
    const int n = int(std::min<int64_t>(kChunk, total - f));
    if (!graph.push(audio.samples.data() + f * AudioBuffer::kChannels, n, f, error)) return std::nullopt;
  }
  if (!graph.finish(error)) return std::nullopt;
  // Fewer than 400 ms of audio gives no gated block: report it as silence.
  return graph.integrated().value_or(-70.0);
}

bool normalizeLoudness(AudioBuffer& audio, double target_lufs, std::string* error, double* measured_lufs) {
  const std::optional<double> measured = integratedLoudness(audio, error);
  if (!measured) return false;
  if (measured_lufs) *measured_lufs = *measured;
  if (*measured < -60.0) return true;
  applyGain(audio, target_lufs - *measured);
  softLimit(audio);
  return true;
}

}  // namespace shotcraft::media
