#include "core/media/Yuv420Converter.h"

#include <opencv2/imgproc.hpp>

#include "core/media/ImageOps.h"

namespace shotcraft::media {

namespace {

// BT.709: Y' = Kr R + Kg G + Kb B, scaled to 16..235; Cb, Cr scaled to 16..240 around 128.
constexpr double kKr = 0.2126;
constexpr double kKb = 0.0722;
constexpr double kKg = 1.0 - kKr - kKb;
constexpr double kYScale = 219.0 / 255.0;
constexpr double kCScale = 224.0 / 255.0;

// Rows: Y, Cb, Cr. OpenCV vectorises the 3x4 (three channels in, three out) case only.
const cv::Matx34f kRgbToYuv(float(kKr * kYScale), float(kKg * kYScale), float(kKb * kYScale), 16.0f,
                            float(-kKr / (2 * (1 - kKb)) * kCScale), float(-kKg / (2 * (1 - kKb)) * kCScale),
                            float(0.5 * kCScale), 128.0f,
                            float(0.5 * kCScale), float(-kKg / (2 * (1 - kKr)) * kCScale),
                            float(-kKb / (2 * (1 - kKr)) * kCScale), 128.0f);

}  // namespace

void Yuv420Converter::convert(const Image& rgb, uint8_t* const planes[3], const int linesize[3]) {
  const int w = rgb.width;
  const int h = rgb.height;
  cv::transform(asMat(rgb), m_yuv, kRgbToYuv);
  cv::Mat y(h, w, CV_8UC1, planes[0], size_t(linesize[0]));
  const int lumaFromTo[] = {0, 0};
  cv::mixChannels(&m_yuv, 1, &y, 1, lumaFromTo, 1);
  // Chroma of each 2x2 block: the mean of its four pixels' chroma.
  cv::resize(m_yuv, m_half, cv::Size(w / 2, h / 2), 0, 0, cv::INTER_AREA);
  cv::Mat uv[2] = {cv::Mat(h / 2, w / 2, CV_8UC1, planes[1], size_t(linesize[1])),
                   cv::Mat(h / 2, w / 2, CV_8UC1, planes[2], size_t(linesize[2]))};
  const int chromaFromTo[] = {1, 0, 2, 1};
  cv::mixChannels(&m_half, 1, uv, 2, chromaFromTo, 2);
}

}  // namespace shotcraft::media
