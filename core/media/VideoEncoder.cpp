#include "core/media/VideoEncoder.h"

#include <algorithm>
#include <cstring>

#include "core/media/FfmpegUtil.h"
#include "core/media/CpuClock.h"
#include "core/media/Yuv420Converter.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace shotcraft::media {

struct VideoEncoder::Impl {
  std::string path;
  VideoSettings settings;
  ff::OutputFile file;
  ff::CodecContextPtr video;
  ff::CodecContextPtr audio;
  AVStream* videoStream = nullptr;
  AVStream* audioStream = nullptr;
  Yuv420Converter toYuv420;  // H.264
  ff::SwsPtr sws;            // ProRes (10-bit 4:2:2)
  double convertCpu_s = 0.0;
  ff::FramePtr yuv;
  ff::PacketPtr packet;
  AudioBuffer pcm;
  int64_t framesWritten = 0;
  int64_t audioSent = 0;    // sample frames handed to the AAC encoder
  int64_t audioTotal = 0;   // sample frames the audio stream will hold
  bool headerWritten = false;
  bool finished = false;

  bool fail(std::string* error, const std::string& what, int rc) {
    if (error) *error = ff::ioError(what, path, rc);
    return false;
  }

  bool openVideo(std::string* error);
  bool openAudio(std::string* error);
  bool drain(AVCodecContext* ctx, AVStream* stream, std::string* error);
  bool sendAudioUntil(int64_t until, bool final, std::string* error);
};

VideoEncoder::VideoEncoder() : m_impl(std::make_unique<Impl>()) {}
VideoEncoder::~VideoEncoder() = default;

bool VideoEncoder::Impl::openVideo(std::string* error) {
  const bool h264 = settings.codec == VideoCodec::H264;
  const AVCodec* codec = ff::findEncoder(h264 ? "libx264" : "prores_ks", error);
  if (!codec) return false;
  video.reset(avcodec_alloc_context3(codec));
  AVCodecContext* c = video.get();
  c->width = settings.width;
  c->height = settings.height;
  c->time_base = AVRational{1, settings.fps};
  c->framerate = AVRational{settings.fps, 1};
  c->sample_aspect_ratio = AVRational{1, 1};
  c->pix_fmt = h264 ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_YUV422P10LE;
  c->color_range = AVCOL_RANGE_MPEG;
  c->colorspace = AVCOL_SPC_BT709;
  c->color_primaries = AVCOL_PRI_BT709;
  c->color_trc = AVCOL_TRC_BT709;
  c->thread_count = 0;
  if (h264) {
    c->gop_size = settings.fps * 2;
    av_opt_set(c->priv_data, "preset", settings.preset.c_str(), 0);
    av_opt_set(c->priv_data, "crf", std::to_string(settings.crf).c_str(), 0);
  } else {
    av_opt_set_int(c->priv_data, "profile", settings.prores_profile, 0);
    av_opt_set(c->priv_data, "vendor", "apl0", 0);
  }
  if (file.get()->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  int rc = avcodec_open2(c, codec, nullptr);
  if (rc < 0) {
    if (error) *error = std::string("cannot open encoder '") + codec->name + "': " + ff::errorText(rc);
    return false;
  }
  videoStream = avformat_new_stream(file.get(), nullptr);
  if (!videoStream) return fail(error, "cannot add a video stream to", AVERROR(ENOMEM));
  videoStream->time_base = c->time_base;
  videoStream->avg_frame_rate = c->framerate;
  avcodec_parameters_from_context(videoStream->codecpar, c);

  if (!h264) {
    sws.reset(sws_getContext(c->width, c->height, AV_PIX_FMT_RGB24, c->width, c->height, c->pix_fmt,
                             SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
    if (!sws) return fail(error, "cannot convert frames for", AVERROR(EINVAL));
    // RGB is full range; the video is BT.709 limited range.
    sws_setColorspaceDetails(sws.get(), sws_getCoefficients(SWS_CS_ITU709), 1, sws_getCoefficients(SWS_CS_ITU709),
                             0, 0, 1 << 16, 1 << 16);
  }
  yuv.reset(av_frame_alloc());
  yuv->format = c->pix_fmt;
  yuv->width = c->width;
  yuv->height = c->height;
  if ((rc = av_frame_get_buffer(yuv.get(), 0)) < 0) return fail(error, "cannot allocate frames for", rc);
  return true;
}

bool VideoEncoder::Impl::openAudio(std::string* error) {
  const AVCodec* codec = ff::findEncoder("aac", error);
  if (!codec) return false;
  audio.reset(avcodec_alloc_context3(codec));
  AVCodecContext* c = audio.get();
  c->sample_fmt = AV_SAMPLE_FMT_FLTP;
  c->sample_rate = AudioBuffer::kSampleRate;
  av_channel_layout_default(&c->ch_layout, AudioBuffer::kChannels);
  c->bit_rate = settings.audio_bitrate;
  c->time_base = AVRational{1, AudioBuffer::kSampleRate};
  if (file.get()->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  const int rc = avcodec_open2(c, codec, nullptr);
  if (rc < 0) {
    if (error) *error = "cannot open encoder 'aac': " + ff::errorText(rc);
    return false;
  }
  audioStream = avformat_new_stream(file.get(), nullptr);
  if (!audioStream) return fail(error, "cannot add an audio stream to", AVERROR(ENOMEM));
  audioStream->time_base = c->time_base;
  avcodec_parameters_from_context(audioStream->codecpar, c);
  return true;
}

bool VideoEncoder::open(const std::string& path, const VideoSettings& settings, AudioBuffer audio,
                        std::string* error) {
  Impl& d = *m_impl;
  d.path = path;
  d.settings = settings;
  if (settings.width < 2 || settings.height < 2 || settings.width % 2 || settings.height % 2) {
    if (error) *error = "video size must be even and at least 2x2, got " + std::to_string(settings.width) + "x" +
                        std::to_string(settings.height);
    return false;
  }
  if (settings.fps < 1 || settings.fps > 240) {
    if (error) *error = "fps must be 1..240, got " + std::to_string(settings.fps);
    return false;
  }
  if (!d.file.open(settings.codec == VideoCodec::H264 ? "mp4" : "mov", path, error)) return false;
  if (!d.openVideo(error)) return false;
  if (!audio.empty()) {
    d.pcm = std::move(audio);
    if (!d.openAudio(error)) return false;
  }
  AVDictionary* opts = nullptr;
  if (settings.codec == VideoCodec::H264) av_dict_set(&opts, "movflags", "+faststart", 0);
  const int rc = avformat_write_header(d.file.get(), &opts);
  av_dict_free(&opts);
  if (rc < 0) return d.fail(error, "cannot write", rc);
  d.headerWritten = true;
  d.packet.reset(av_packet_alloc());
  return true;
}

bool VideoEncoder::Impl::drain(AVCodecContext* ctx, AVStream* stream, std::string* error) {
  for (;;) {
    int rc = avcodec_receive_packet(ctx, packet.get());
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
    if (rc < 0) {
      if (error) *error = std::string("encoder '") + ctx->codec->name + "' failed: " + ff::errorText(rc);
      return false;
    }
    av_packet_rescale_ts(packet.get(), ctx->time_base, stream->time_base);
    packet->stream_index = stream->index;
    rc = av_interleaved_write_frame(file.get(), packet.get());
    if (rc < 0) return fail(error, "cannot write", rc);
    if (file.get()->pb && file.get()->pb->error < 0) return fail(error, "cannot write", file.get()->pb->error);
  }
}

// Encodes audio up to sample frame `until` (the end of the video written so far) in whole encoder frames;
// `final` also sends the short last frame.
bool VideoEncoder::Impl::sendAudioUntil(int64_t until, bool final, std::string* error) {
  if (!audio) return true;
  const int frameSize = audio->frame_size > 0 ? audio->frame_size : 1024;
  const bool smallLast = audio->codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME;
  ff::FramePtr frame(av_frame_alloc());
  while (audioSent < until) {
    int n = int(std::min<int64_t>(frameSize, until - audioSent));
    if (n < frameSize && !final) return true;  // wait for a full frame
    frame->nb_samples = smallLast ? n : frameSize;
    frame->format = AV_SAMPLE_FMT_FLTP;
    frame->sample_rate = AudioBuffer::kSampleRate;
    av_channel_layout_default(&frame->ch_layout, AudioBuffer::kChannels);
    int rc = av_frame_get_buffer(frame.get(), 0);
    if (rc < 0) return fail(error, "cannot allocate audio for", rc);
    auto* left = reinterpret_cast<float*>(frame->data[0]);
    auto* right = reinterpret_cast<float*>(frame->data[1]);
    for (int i = 0; i < frame->nb_samples; ++i) {
      const int64_t s = audioSent + i;
      const bool have = i < n && s < pcm.frameCount();
      left[i] = have ? pcm.samples[size_t(2 * s)] : 0.0f;
      right[i] = have ? pcm.samples[size_t(2 * s + 1)] : 0.0f;
    }
    frame->pts = audioSent;
    rc = avcodec_send_frame(audio.get(), frame.get());
    av_frame_unref(frame.get());
    if (rc < 0) {
      if (error) *error = "encoder 'aac' failed: " + ff::errorText(rc);
      return false;
    }
    audioSent += n;
    if (!drain(audio.get(), audioStream, error)) return false;
  }
  return true;
}

bool VideoEncoder::writeFrame(const Image& rgb, std::string* error) {
  Impl& d = *m_impl;
  if (!d.headerWritten || d.finished) {
    if (error) *error = "video encoder is not open";
    return false;
  }
  if (rgb.width != d.settings.width || rgb.height != d.settings.height || rgb.channels != 3) {
    if (error) *error = "frame size " + std::to_string(rgb.width) + "x" + std::to_string(rgb.height) +
                        " does not match the video size";
    return false;
  }
  int rc = av_frame_make_writable(d.yuv.get());
  if (rc < 0) return d.fail(error, "cannot allocate frames for", rc);
  const double convertStart = threadCpu_s();
  if (d.sws) {
    const uint8_t* src[1] = {rgb.data.data()};
    const int stride[1] = {rgb.width * 3};
    sws_scale(d.sws.get(), src, stride, 0, rgb.height, d.yuv->data, d.yuv->linesize);
  } else {
    d.toYuv420.convert(rgb, d.yuv->data, d.yuv->linesize);
  }
  d.convertCpu_s += threadCpu_s() - convertStart;
  d.yuv->pts = d.framesWritten;
  rc = avcodec_send_frame(d.video.get(), d.yuv.get());
  if (rc < 0) {
    if (error) *error = std::string("encoder '") + d.video->codec->name + "' failed: " + ff::errorText(rc);
    return false;
  }
  ++d.framesWritten;
  if (!d.drain(d.video.get(), d.videoStream, error)) return false;
  if (d.audio) {
    d.audioTotal = std::max(d.audioTotal, (d.framesWritten * AudioBuffer::kSampleRate) / d.settings.fps);
    return d.sendAudioUntil(d.audioTotal, false, error);
  }
  return true;
}

double VideoEncoder::convertCpu_s() const { return m_impl->convertCpu_s; }

bool VideoEncoder::finish(std::string* error) {
  Impl& d = *m_impl;
  if (!d.headerWritten || d.finished) {
    if (error) *error = "video encoder is not open";
    return false;
  }
  d.finished = true;
  if (d.audio) {
    d.audioTotal = (d.framesWritten * AudioBuffer::kSampleRate) / d.settings.fps;
    if (!d.sendAudioUntil(d.audioTotal, true, error)) return false;
    avcodec_send_frame(d.audio.get(), nullptr);
    if (!d.drain(d.audio.get(), d.audioStream, error)) return false;
  }
  avcodec_send_frame(d.video.get(), nullptr);
  if (!d.drain(d.video.get(), d.videoStream, error)) return false;
  const int rc = av_write_trailer(d.file.get());
  if (rc < 0) return d.fail(error, "cannot write", rc);
  return d.file.close(error);
}

}  // namespace shotcraft::media
