#pragma once
// RAII owners for FFmpeg handles and one-line error text for FFmpeg return codes (media-internal).
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}
#include <memory>
#include <string>

namespace shotcraft::media::ff {

struct CodecContextDeleter {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct SwrDeleter {
  void operator()(SwrContext* s) const { swr_free(&s); }
};
struct FilterGraphDeleter {
  void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};
struct InputFormatDeleter {
  void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
};

using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphDeleter>;
using InputFormatPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;

// An output container: owns the AVFormatContext and its AVIOContext (closed on destruction).
class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Allocates a muxer `formatName` ("mp4", "mov", "gif") writing to `path` and opens the file.
  bool open(const std::string& formatName, const std::string& path, std::string* error);
  AVFormatContext* get() const { return m_ctx; }
  // Closes the file; true when every byte reached it.
  bool close(std::string* error);

 private:
  AVFormatContext* m_ctx = nullptr;
  std::string m_path;
};

// FFmpeg logs to stderr process-wide; Shotcraft reports its own one-line errors, so this lowers FFmpeg's level
// to fatal messages once (SHOTCRAFT_FFMPEG_LOG=error|warning|info|debug keeps more, for troubleshooting).
void quietLogging();

// "Permission denied", "No space left on device", ... for an FFmpeg return code.
std::string errorText(int code);
// One line for a failed I/O step on `path`, turning ENOSPC into "the disk is full".
std::string ioError(const std::string& what, const std::string& path, int code);
// The named encoder, or nullptr with "encoder 'libx264' is not available in this FFmpeg build".
const AVCodec* findEncoder(const char* name, std::string* error);

}  // namespace shotcraft::media::ff
