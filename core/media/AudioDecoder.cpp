#include "core/media/AudioDecoder.h"

#include "core/media/FfmpegUtil.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace shotcraft::media {

namespace {

class Decoder {
 public:
  Decoder(std::string path, double maxDuration_s) : m_path(std::move(path)), m_max_s(maxDuration_s) {}

  bool run(AudioBuffer* out, std::string* error) {
    if (!open(error)) return false;
    ff::PacketPtr packet(av_packet_alloc());
    ff::FramePtr frame(av_frame_alloc());
    int rc = 0;
    while ((rc = av_read_frame(m_fmt.get(), packet.get())) >= 0) {
      if (packet->stream_index == m_stream) rc = avcodec_send_packet(m_codec.get(), packet.get());
      av_packet_unref(packet.get());
      if (rc < 0 && rc != AVERROR(EAGAIN) && rc != AVERROR_INVALIDDATA) return fail(error, "cannot decode", rc);
      if (!drain(frame.get(), error)) return false;
    }
    if (rc != AVERROR_EOF) return fail(error, "cannot read", rc);
    avcodec_send_packet(m_codec.get(), nullptr);
    if (!drain(frame.get(), error)) return false;
    if (!convert(nullptr, error)) return false;  // flush the resampler
    if (m_audio.empty()) {
      if (error) *error = "audio '" + m_path + "' decodes to no samples";
      return false;
    }
    *out = std::move(m_audio);
    return true;
  }

 private:
  bool fail(std::string* error, const char* what, int rc) {
    if (error) *error = std::string(what) + " audio '" + m_path + "': " + ff::errorText(rc);
    return false;
  }

  bool open(std::string* error) {
    AVFormatContext* raw = nullptr;
    int rc = avformat_open_input(&raw, m_path.c_str(), nullptr, nullptr);
    if (rc < 0) return fail(error, "cannot open", rc);
    m_fmt.reset(raw);
    if ((rc = avformat_find_stream_info(raw, nullptr)) < 0) return fail(error, "cannot read", rc);
    const AVCodec* codec = nullptr;
    m_stream = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (m_stream < 0 || !codec) {
      if (error) *error = "'" + m_path + "' has no audio stream FFmpeg can decode";
      return false;
    }
    m_codec.reset(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(m_codec.get(), raw->streams[m_stream]->codecpar);
    if ((rc = avcodec_open2(m_codec.get(), codec, nullptr)) < 0) return fail(error, "cannot decode", rc);
    return true;
  }

  bool setupResampler(const AVFrame* frame, std::string* error) {
    AVChannelLayout inLayout{};
    if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || frame->ch_layout.nb_channels <= 0) {
      av_channel_layout_default(&inLayout, std::max(1, frame->ch_layout.nb_channels));
    } else {
      av_channel_layout_copy(&inLayout, &frame->ch_layout);
    }
    AVChannelLayout outLayout{};
    av_channel_layout_default(&outLayout, AudioBuffer::kChannels);
    SwrContext* swr = nullptr;
    int rc = swr_alloc_set_opts2(&swr, &outLayout, AV_SAMPLE_FMT_FLT, AudioBuffer::kSampleRate, &inLayout,
                                 AVSampleFormat(frame->format), frame->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    av_channel_layout_uninit(&outLayout);
    if (rc < 0 || !swr) return fail(error, "cannot resample", rc < 0 ? rc : AVERROR(ENOMEM));
    m_swr.reset(swr);
    if (frame->ch_layout.nb_channels == 1) {
      // Mono goes to both channels at full level (the default upmix would lower it by 3 dB).
      const double both[2] = {1.0, 1.0};
      if ((rc = swr_set_matrix(swr, both, 1)) < 0) return fail(error, "cannot resample", rc);
    }
    if ((rc = swr_init(swr)) < 0) return fail(error, "cannot resample", rc);
    return true;
  }

  // Appends the resampled samples of `frame` (nullptr flushes).
  bool convert(const AVFrame* frame, std::string* error) {
    if (!m_swr) return true;
    const int inSamples = frame ? frame->nb_samples : 0;
    const int capacity = swr_get_out_samples(m_swr.get(), inSamples);
    if (capacity <= 0) return true;
    const size_t before = m_audio.samples.size();
    m_audio.samples.resize(before + size_t(capacity) * AudioBuffer::kChannels);
    uint8_t* outPlanes[1] = {reinterpret_cast<uint8_t*>(m_audio.samples.data() + before)};
    const int got = swr_convert(m_swr.get(), outPlanes, capacity,
                                frame ? const_cast<const uint8_t**>(frame->extended_data) : nullptr, inSamples);
    if (got < 0) return fail(error, "cannot resample", got);
    m_audio.samples.resize(before + size_t(got) * AudioBuffer::kChannels);
    if (m_audio.duration_s() > m_max_s) {
      if (error) *error = "audio '" + m_path + "' is longer than " + std::to_string(int(m_max_s)) + " s";
      return false;
    }
    return true;
  }

  bool drain(AVFrame* frame, std::string* error) {
    for (;;) {
      const int rc = avcodec_receive_frame(m_codec.get(), frame);
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
      if (rc < 0) return fail(error, "cannot decode", rc);
      // A stream whose format changes midway (rare) gets a fresh resampler.
      if (!m_swr || frame->sample_rate != m_rate || frame->format != m_format ||
          frame->ch_layout.nb_channels != m_channels) {
        if (m_swr && !convert(nullptr, error)) return false;
        if (!setupResampler(frame, error)) return false;
        m_rate = frame->sample_rate;
        m_format = frame->format;
        m_channels = frame->ch_layout.nb_channels;
      }
      const bool ok = convert(frame, error);
      av_frame_unref(frame);
      if (!ok) return false;
    }
  }

  std::string m_path;
  double m_max_s;
  ff::InputFormatPtr m_fmt;
  ff::CodecContextPtr m_codec;
  ff::SwrPtr m_swr;
  int m_stream = -1;
  int m_rate = 0;
  int m_format = -1;
  int m_channels = 0;
  AudioBuffer m_audio;
};

}  // namespace

bool decodeAudio(const QString& path, AudioBuffer* out, std::string* error, double maxDuration_s) {
  ff::quietLogging();
  Decoder decoder(path.toStdString(), maxDuration_s);
  return decoder.run(out, error);
}

}  // namespace shotcraft::media
