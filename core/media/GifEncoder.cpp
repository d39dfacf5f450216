#include "core/media/GifEncoder.h"

#include <cstring>

#include "core/media/FfmpegUtil.h"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/pixdesc.h>
}

namespace shotcraft::media {

namespace {

bool filterFail(std::string* error, const std::string& what, int rc) {
  if (error) *error = "GIF palette: " + what + ": " + ff::errorText(rc);
  return false;
}

}  // namespace

struct GifEncoder::Impl {
  std::string path;
  int width = 0;
  int height = 0;
  int fps = 12;
  int pass = -1;
  int64_t pts = 0;
  ff::FilterGraphPtr graph;
  AVFilterContext* src = nullptr;
  AVFilterContext* palSrc = nullptr;
  AVFilterContext* sink = nullptr;
  ff::FramePtr palette;
  ff::OutputFile file;
  ff::CodecContextPtr codec;
  AVStream* stream = nullptr;
  ff::PacketPtr packet;

  bool buildGraph(const char* description, bool withPalette, std::string* error);
  bool pushFrame(AVFilterContext* into, AVFrame* frame, std::string* error);
  bool pull(std::string* error);
  bool encode(AVFrame* frame, std::string* error);
};

GifEncoder::GifEncoder() : m_impl(std::make_unique<Impl>()) {}
GifEncoder::~GifEncoder() = default;

bool GifEncoder::open(const std::string& path, int width, int height, int fps, std::string* error) {
  Impl& d = *m_impl;
  d.path = path;
  d.width = width;
  d.height = height;
  d.fps = fps;
  if (width < 1 || height < 1 || width > 65535 || height > 65535 || fps < 1 || fps > 100) {
    if (error) *error = "GIF size must be 1..65535 and fps 1..100";
    return false;
  }
  const AVCodec* gif = ff::findEncoder("gif", error);
  if (!gif) return false;
  // Open the file now so an unwritable path fails before any frame is drawn.
  if (!d.file.open("gif", path, error)) return false;
  d.codec.reset(avcodec_alloc_context3(gif));
  d.codec->width = width;
  d.codec->height = height;
  d.codec->time_base = AVRational{1, fps};
  d.codec->framerate = AVRational{fps, 1};
  d.codec->pix_fmt = AV_PIX_FMT_PAL8;
  int rc = avcodec_open2(d.codec.get(), gif, nullptr);
  if (rc < 0) {
    if (error) *error = "cannot open encoder 'gif': " + ff::errorText(rc);
    return false;
  }
  d.stream = avformat_new_stream(d.file.get(), nullptr);
  if (!d.stream) {
    if (error) *error = ff::ioError("cannot add a stream to", path, AVERROR(ENOMEM));
    return false;
  }
  d.stream->time_base = d.codec->time_base;
  d.stream->avg_frame_rate = d.codec->framerate;
  avcodec_parameters_from_context(d.stream->codecpar, d.codec.get());
  d.packet.reset(av_packet_alloc());
  return true;
}

bool GifEncoder::Impl::buildGraph(const char* description, bool withPalette, std::string* error) {
  graph.reset(avfilter_graph_alloc());
  src = palSrc = sink = nullptr;
  const std::string args = "video_size=" + std::to_string(width) + "x" + std::to_string(height) +
                           ":pix_fmt=rgb24:time_base=1/" + std::to_string(fps) + ":pixel_aspect=1/1";
  int rc = avfilter_graph_create_filter(&src, avfilter_get_by_name("buffer"), "in", args.c_str(), nullptr,
                                        graph.get());
  if (rc < 0) return filterFail(error, "buffer", rc);
  rc = avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr, graph.get());
  if (rc < 0) return filterFail(error, "buffersink", rc);
  AVFilterInOut* outputs = avfilter_inout_alloc();
  AVFilterInOut* inputs = avfilter_inout_alloc();
  outputs->name = av_strdup("in");
  outputs->filter_ctx = src;
  if (withPalette) {
    const std::string palArgs = "video_size=16x16:pix_fmt=" + std::string(av_get_pix_fmt_name(AVPixelFormat(
                                                                  palette->format))) +
                                ":time_base=1/" + std::to_string(fps) + ":pixel_aspect=1/1";
    rc = avfilter_graph_create_filter(&palSrc, avfilter_get_by_name("buffer"), "pal", palArgs.c_str(), nullptr,
                                      graph.get());
    if (rc < 0) {
      avfilter_inout_free(&outputs);
      avfilter_inout_free(&inputs);
      return filterFail(error, "palette buffer", rc);
    }
    outputs->next = avfilter_inout_alloc();
    outputs->next->name = av_strdup("pal");
    outputs->next->filter_ctx = palSrc;
  }
  inputs->name = av_strdup("out");
  inputs->filter_ctx = sink;
  rc = avfilter_graph_parse_ptr(graph.get(), description, &inputs, &outputs, nullptr);
  avfilter_inout_free(&outputs);
  avfilter_inout_free(&inputs);
  if (rc < 0) return filterFail(error, std::string("filters '") + description + "'", rc);
  if ((rc = avfilter_graph_config(graph.get(), nullptr)) < 0) return filterFail(error, "configure", rc);
  return true;
}

bool GifEncoder::beginPass(int pass, std::string* error) {
  Impl& d = *m_impl;
  d.pass = pass;
  d.pts = 0;
  if (pass == 0) {
    return d.buildGraph("[in]palettegen=max_colors=256:stats_mode=full[out]", false, error);
  }
  if (!d.palette) {
    if (error) *error = "GIF palette: no palette was built (no frames in the first pass)";
    return false;
  }
  if (!d.buildGraph("[in][pal]paletteuse=dither=bayer:bayer_scale=3:diff_mode=rectangle[out]", true, error)) {
    return false;
  }
  d.palette->pts = 0;
  if (!d.pushFrame(d.palSrc, d.palette.get(), error)) return false;
  const int rc = av_buffersrc_add_frame_flags(d.palSrc, nullptr, 0);  // one palette for every frame
  if (rc < 0) return filterFail(error, "palette input", rc);
  const int hrc = avformat_write_header(d.file.get(), nullptr);
  if (hrc < 0) {
    if (error) *error = ff::ioError("cannot write", d.path, hrc);
    return false;
  }
  return true;
}

bool GifEncoder::Impl::pushFrame(AVFilterContext* into, AVFrame* frame, std::string* error) {
  const int rc = av_buffersrc_add_frame_flags(into, frame, AV_BUFFERSRC_FLAG_KEEP_REF);
  if (rc < 0) return filterFail(error, "filter input", rc);
  return true;
}

bool GifEncoder::Impl::encode(AVFrame* frame, std::string* error) {
  int rc = avcodec_send_frame(codec.get(), frame);
  if (rc < 0) {
    if (error) *error = "encoder 'gif' failed: " + ff::errorText(rc);
    return false;
  }
  for (;;) {
    rc = avcodec_receive_packet(codec.get(), packet.get());
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
    if (rc < 0) {
      if (error) *error = "encoder 'gif' failed: " + ff::errorText(rc);
      return false;
    }
    av_packet_rescale_ts(packet.get(), codec->time_base, stream->time_base);
    packet->stream_index = stream->index;
    rc = av_interleaved_write_frame(file.get(), packet.get());
    if (rc < 0 || (file.get()->pb && file.get()->pb->error < 0)) {
      if (error) *error = ff::ioError("cannot write", path, rc < 0 ? rc : file.get()->pb->error);
      return false;
    }
  }
}

bool GifEncoder::Impl::pull(std::string* error) {
  ff::FramePtr out(av_frame_alloc());
  for (;;) {
    const int rc = av_buffersink_get_frame(sink, out.get());
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
    if (rc < 0) return filterFail(error, "filter output", rc);
    if (pass == 0) {
      palette.reset(av_frame_clone(out.get()));
    } else {
      out->pict_type = AV_PICTURE_TYPE_NONE;
      if (!encode(out.get(), error)) return false;
    }
    av_frame_unref(out.get());
  }
}

bool GifEncoder::writeFrame(const Image& rgb, std::string* error) {
  Impl& d = *m_impl;
  if (d.pass < 0 || rgb.width != d.width || rgb.height != d.height || rgb.channels != 3) {
    if (error) *error = "GIF frame does not match the open size, or no pass was begun";
    return false;
  }
  ff::FramePtr frame(av_frame_alloc());
  frame->format = AV_PIX_FMT_RGB24;
  frame->width = d.width;
  frame->height = d.height;
  int rc = av_frame_get_buffer(frame.get(), 0);
  if (rc < 0) return filterFail(error, "frame", rc);
  for (int y = 0; y < d.height; ++y) {
    std::memcpy(frame->data[0] + size_t(y) * frame->linesize[0], rgb.pixel(0, y), size_t(d.width) * 3);
  }
  frame->pts = d.pts++;
  if (!d.pushFrame(d.src, frame.get(), error)) return false;
  return d.pull(error);
}

bool GifEncoder::endPass(int pass, std::string* error) {
  Impl& d = *m_impl;
  // The end of the first pass emits the palette; the end of the second flushes the dithered frames.
  const int rc = av_buffersrc_add_frame_flags(d.src, nullptr, 0);
  if (rc < 0) return filterFail(error, "filter flush", rc);
  if (!d.pull(error)) return false;
  if (pass == 0 && !d.palette) return filterFail(error, "palettegen gave no palette", AVERROR(EINVAL));
  return true;
}

bool GifEncoder::finish(std::string* error) {
  Impl& d = *m_impl;
  if (d.pass != 1) {
    if (error) *error = "GIF: finish() before the second pass";
    return false;
  }
  if (!d.encode(nullptr, error)) return false;
  const int rc = av_write_trailer(d.file.get());
  if (rc < 0) {
    if (error) *error = ff::ioError("cannot write", d.path, rc);
    return false;
  }
  return d.file.close(error);
}

}  // namespace shotcraft::media
