#include "core/media/FfmpegUtil.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

extern "C" {
#include <libavutil/log.h>
}

namespace shotcraft::media::ff {

void quietLogging() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* wanted = std::getenv("SHOTCRAFT_FFMPEG_LOG");
    int level = AV_LOG_FATAL;
    if (wanted && std::strcmp(wanted, "error") == 0) level = AV_LOG_ERROR;
    if (wanted && std::strcmp(wanted, "warning") == 0) level = AV_LOG_WARNING;
    if (wanted && std::strcmp(wanted, "info") == 0) level = AV_LOG_INFO;
    if (wanted && std::strcmp(wanted, "debug") == 0) level = AV_LOG_DEBUG;
    av_log_set_level(level);
  });
}

std::string errorText(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

std::string ioError(const std::string& what, const std::string& path, int code) {
  if (code == AVERROR(ENOSPC)) return what + " '" + path + "': the disk is full (no space left on device)";
  return what + " '" + path + "': " + errorText(code);
}

const AVCodec* findEncoder(const char* name, std::string* error) {
  const AVCodec* codec = avcodec_find_encoder_by_name(name);
  if (!codec && error) *error = std::string("encoder '") + name + "' is not available in this FFmpeg build";
  return codec;
}

OutputFile::~OutputFile() {
  std::string ignored;
  close(&ignored);
}

bool OutputFile::open(const std::string& formatName, const std::string& path, std::string* error) {
  quietLogging();
  m_path = path;
  int rc = avformat_alloc_output_context2(&m_ctx, nullptr, formatName.c_str(), path.c_str());
  if (rc < 0 || !m_ctx) {
    if (error) *error = "muxer '" + formatName + "' is not available in this FFmpeg build";
    return false;
  }
  rc = avio_open(&m_ctx->pb, path.c_str(), AVIO_FLAG_WRITE);
  if (rc < 0) {
    if (error) *error = ioError("cannot write", path, rc);
    avformat_free_context(m_ctx);
    m_ctx = nullptr;
    return false;
  }
  return true;
}

bool OutputFile::close(std::string* error) {
  if (!m_ctx) return true;
  bool ok = true;
  if (m_ctx->pb) {
    avio_flush(m_ctx->pb);
    const int ioErr = m_ctx->pb->error;
    const int rc = avio_closep(&m_ctx->pb);
    const int code = ioErr < 0 ? ioErr : rc;
    if (code < 0) {
      ok = false;
      if (error) *error = ioError("cannot write", m_path, code);
    }
  }
  avformat_free_context(m_ctx);
  m_ctx = nullptr;
  return ok;
}

}  // namespace shotcraft::media::ff
