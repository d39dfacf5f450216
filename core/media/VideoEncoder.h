#pragma once
// Encodes RGB8 frames (and optional audio) into MP4 (H.264 via libx264, yuv420p, converted by Yuv420Converter)
// or MOV (Apple ProRes 422 HQ via prores_ks, yuv422p10le, converted by libswscale); audio is AAC (FFmpeg's
// native encoder) at 48 kHz stereo. BT.709, limited range.
#include <memory>
#include <string>

#include "core/media/AudioBuffer.h"
#include "core/media/FrameSink.h"

namespace shotcraft::media {

enum class VideoCodec { H264, ProRes };

struct VideoSettings {
  VideoCodec codec = VideoCodec::H264;
  int width = 256;   // even
  int height = 144;  // even
  int fps = 12;
  int crf = 20;                        // H.264 quality, 0..51 (lower is better)
  std::string preset = "medium";       // x264 preset: ultrafast .. veryslow
  int prores_profile = 3;              // 0 proxy, 1 lt, 2 standard, 3 hq
  int audio_bitrate = 192000;          // bits per second
};

class VideoEncoder : public FrameSink {
 public:
  VideoEncoder();
  ~VideoEncoder() override;

  // Opens `path` (any name: the container comes from settings.codec). `audio`, when not empty, is muxed
  // alongside: it should hold exactly the video's duration (it is cut or padded with silence to fit).
  bool open(const std::string& path, const VideoSettings& settings, AudioBuffer audio, std::string* error);

  bool writeFrame(const Image& rgb, std::string* error) override;
  bool finish(std::string* error) override;
  double convertCpu_s() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace shotcraft::media
